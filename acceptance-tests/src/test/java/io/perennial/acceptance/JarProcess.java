package io.perennial.acceptance;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker or API instance run from its module's runnable jar as its own JVM, configured only by its environment,
 * as a container of the compose stack runs it; its health on {@code port}. Restarting starts a new process with the
 * same environment, appending to the same log.
 */
final class JarProcess implements AutoCloseable {

    final String name;
    final HttpClient http;
    private final String jar;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    private JarProcess(String name, String jarProperty, Map<String, String> environment, int port, Path logs) {
        this.name = name;
        this.jar = System.getProperty(jarProperty);
        this.environment = environment;
        this.log = logs.resolve(name + ".log");
        assertThat(jar).as("runnable jar of %s (built by 'package')", name).isNotBlank();
        assertThat(Path.of(jar)).as("runnable jar of %s; run ./mvnw verify so it is packaged", name).exists();
        try {
            this.http = HttpClient.create(new URL("http://127.0.0.1:" + port));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the process without waiting for it to be healthy. */
    static JarProcess start(String name, String jarProperty, Map<String, String> environment, int port, Path logs) {
        JarProcess started = new JarProcess(name, jarProperty, environment, port, logs);
        started.start();
        return started;
    }

    void start() {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", jar)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("MICRONAUT_") || key.startsWith("DATASOURCES_")
                || key.equals("JWT_SECRET") || key.equals("TEMPORAL_ADDRESS") || key.startsWith("PAYLOAD_CODEC_")
                || key.startsWith("CARRIER_WEBHOOK_") || key.startsWith("PERENNIAL_"));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void awaitHealthy(Duration within) {
        Map<String, Object> health = ApiSession.eventually(() -> {
            assertThat(process.isAlive()).as("%s is running; see %s", name, log).isTrue();
            try {
                HttpResponse<Map<String, Object>> answer = http.toBlocking().exchange(HttpRequest.GET("/health"),
                        ApiSession.JSON);
                return answer.body();
            } catch (RuntimeException notYet) {
                return Map.<String, Object>of();
            }
        }, body -> "UP".equals(body.get("status")), within);
        assertThat(health).containsEntry("status", "UP");
    }

    /** CPU time of the current process (since its last start). */
    Duration cpuUsed() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no graceful stop of the Temporal worker, in-flight tasks simply lost. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("killed by signal 9").isEqualTo(128 + 9);
    }

    /** SIGTERM, as `docker compose stop` sends: the process shuts down gracefully. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
        http.close();
    }
}
