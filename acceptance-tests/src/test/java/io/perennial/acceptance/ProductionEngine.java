package io.perennial.acceptance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The compose file's engine ({@link TemporalCluster}: the Temporal server built from Go modules on PostgreSQL with
 * advanced visibility, its namespace and search attributes) started on this host and held until the process is
 * stopped, for the benchmarks to run against the production engine for as long as they need (a test fork would be
 * stopped by surefire's timeout). Prints the address to export as {@code TEMPORAL_ADDRESS}:
 * <pre>
 * PATH=~/.cache/perennial/temporal-server-v1.29.1:~/.cache/perennial/temporal-cli-v1.5.1:$PATH \
 *   ./mvnw -q -pl acceptance-tests -am test-compile exec:java@engine -Dexec.skip=true
 * </pre>
 */
public final class ProductionEngine {

    private ProductionEngine() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("perennial.repository.root", "..")).toAbsolutePath().normalize();
        Path logs = Files.createTempDirectory("perennial-engine-");
        TemporalCluster cluster = TemporalCluster.start(new ComposeServices(root), logs);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cluster.close();
            } catch (Exception e) {
                System.err.println("engine did not stop cleanly: " + e);
            }
            stopped.countDown();
        }, "engine-stop"));
        System.out.printf("production engine up: TEMPORAL_ADDRESS=%s (namespace default), logs in %s; "
                + "stop with Ctrl-C or SIGTERM%n", cluster.target, logs);
        stopped.await();
    }
}
