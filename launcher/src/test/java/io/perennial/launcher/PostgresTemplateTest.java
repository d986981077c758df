package io.perennial.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresTemplateTest {

    @Test
    void anEditedOrAddedMigrationNamesANewTemplate(@TempDir Path classes) throws IOException {
        Path migrations = Files.createDirectories(classes.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__first.sql"), "create table a (id int);");
        String original = checksum(classes);

        assertThat(checksum(classes)).as("the same migrations").isEqualTo(original);
        Files.writeString(migrations.resolve("V1__first.sql"), "create table a (id bigint);");
        String edited = checksum(classes);
        assertThat(edited).isNotEqualTo(original);
        Files.writeString(migrations.resolve("V2__second.sql"), "create table b (id int);");
        assertThat(checksum(classes)).isNotEqualTo(edited).isNotEqualTo(original);
    }

    @Test
    void theEmbeddedDatabaseStartsMigratedFromItsOwnCopyWhichIsDeletedOnClose() throws SQLException {
        EmbeddedStack stack = EmbeddedStack.start(new EmbeddedStack.Options("localhost:1", null, null, null, null));
        Map<String, Object> properties = stack.properties();
        Path copy;
        try (Connection connection = DriverManager.getConnection((String) properties.get("datasources.default.url"),
                "postgres", "postgres");
             ResultSet latest = connection.createStatement().executeQuery(
                     "select max(installed_rank), bool_and(success) from flyway_schema_history");
             ResultSet folder = connection.createStatement().executeQuery("show data_directory")) {
            latest.next();
            assertThat(latest.getInt(1)).as("migrations applied in the template").isGreaterThan(40);
            assertThat(latest.getBoolean(2)).isTrue();
            folder.next();
            copy = Path.of(folder.getString(1));
        } finally {
            stack.close();
        }
        assertThat(copy.startsWith(Postgres.workingFolder())).as("copy %s", copy).isTrue();
        assertThat(copy).doesNotExist();
    }

    private static String checksum(Path classes) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()}, null)) {
            return PostgresTemplate.migrationsChecksum(loader);
        }
    }
}
