package io.perennial.launcher;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The embedded default: embedded PostgreSQL, the in-process Temporal test server, the worker and the API in one
 * process. {@code TEMPORAL_ADDRESS} and {@code DATASOURCES_DEFAULT_URL} swap in external ones.
 */
public final class PerennialLauncher {

    private static final Logger log = LoggerFactory.getLogger(PerennialLauncher.class);

    private PerennialLauncher() {
    }

    public static void main(String[] args) {
        // With the README's run command the JVM is Maven's: this is the build's share of the start.
        log.info("Launcher started {} ms after the JVM", ManagementFactory.getRuntimeMXBean().getUptime());
        EmbeddedStack stack = EmbeddedStack.startClosedByCaller(EmbeddedStack.Options.fromEnvironment());
        AtomicReference<ApplicationContext> started = new AtomicReference<>();
        // Micronaut's own shutdown hook stops the context (closing it here too deadlocks against it); once it has
        // stopped, the database and Temporal underneath it go. Registered first, so that a context that fails to
        // start does not leave the database running either.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ApplicationContext context = started.get();
            long deadline = System.currentTimeMillis() + 30_000;
            while (context != null && context.isRunning() && System.currentTimeMillis() < deadline) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            stack.close();
        }, "perennial-shutdown"));
        ApplicationContext context = start(stack, Map.of(), args);
        started.set(context);
        System.out.println(banner(stack, context.getBean(EmbeddedServer.class)));
    }

    /** Starts worker and API in one context on top of the stack; tests use this too. */
    public static ApplicationContext start(EmbeddedStack stack, Map<String, Object> overrides, String... args) {
        Map<String, Object> properties = new HashMap<>(stack.properties());
        properties.put("perennial.temporal.in-process", String.valueOf(stack.temporalInProcess()));
        properties.putAll(overrides);
        return Micronaut.build(args)
                .mainClass(PerennialLauncher.class)
                .environments("api", "worker", "embedded")
                .properties(properties)
                .start();
    }

    static String banner(EmbeddedStack stack, EmbeddedServer server) {
        String url = "http://localhost:" + server.getPort();
        StringBuilder text = new StringBuilder()
                .append("\n  Perennial is running (embedded mode)\n\n")
                .append("  API              ").append(url).append("/v1/plans\n")
                .append("  API docs         ").append(url).append("/openapi/ui/index.html\n")
                .append("  Customer portal  ").append(url).append("/portal\n")
                .append("  Ops console      ").append(url).append("/console\n")
                .append("  Health           ").append(url).append("/health\n")
                .append("  Temporal         ").append(stack.temporalTarget())
                .append(stack.temporalInProcess() ? "  (in-process test server; no Web UI)\n"
                        : "  (external; the dev server's Web UI is on http://localhost:8233)\n")
                .append("  PostgreSQL       ").append(stack.postgresEmbedded() ? "embedded" : "external").append('\n')
                .append("  Ops login        ").append(DemoAccounts.OPS_EMAIL).append(" / ").append(DemoAccounts.OPS_PASSWORD).append('\n')
                .append("  Admin login      ").append(DemoAccounts.ADMIN_EMAIL).append(" / ").append(DemoAccounts.ADMIN_PASSWORD).append('\n');
        if (stack.temporalInProcess()) {
            text.append("  Test clock       POST ").append(url).append("/v1/dev/clock/advance {\"duration\":\"P31D\"} (ops)\n");
        }
        return text.append("\n  Stop with Ctrl-C.\n").toString();
    }
}
