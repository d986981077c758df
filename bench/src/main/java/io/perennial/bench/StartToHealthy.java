package io.perennial.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's run command, warm, from its start to {@code GET /health} answering 200 (docs/benchmarks.md), next
 * to its floor: the same command's Maven part alone ({@code compile} without {@code exec:java}: the up-to-date
 * check of every module the run command always does). Each run gets a free port and a fresh data folder; the
 * first run is a warm-up (the JIT of Maven's own classes, the page cache), not counted.
 */
final class StartToHealthy {

    private static final List<String> RUN = List.of("./mvnw", "-q", "-pl", "launcher", "-am", "compile",
            "exec:java");
    private static final List<String> FLOOR = List.of("./mvnw", "-q", "-pl", "launcher", "-am", "compile");
    private static final Pattern STARTUP = Pattern.compile("Startup completed in (\\d+)ms");
    private static final Duration GIVE_UP = Duration.ofMinutes(5);

    private StartToHealthy() {
    }

    /** One run: to healthy, the Maven floor, and what Micronaut itself reports for the application context. */
    record Measured(double toHealthySeconds, double floorSeconds, long micronautStartupMillis) {
    }

    static void run(String[] args) throws Exception {
        int runs = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!"--runs".equals(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            runs = Integer.parseInt(args[i + 1]);
        }
        once();
        List<Measured> measured = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            measured.add(once());
            System.out.printf("run %d: healthy after %.1f s (Maven floor %.1f s, Micronaut's startup %d ms)%n",
                    i + 1, measured.get(i).toHealthySeconds(), measured.get(i).floorSeconds(),
                    measured.get(i).micronautStartupMillis());
        }
        double healthy = measured.stream().mapToDouble(Measured::toHealthySeconds).average().orElseThrow();
        double floor = measured.stream().mapToDouble(Measured::floorSeconds).average().orElseThrow();
        System.out.printf("| run command to healthy | Maven floor | the platform's own start | goal |%n");
        System.out.printf("| %.1f s | %.1f s | %.1f s | 20 s |%n", healthy, floor, healthy - floor);
    }

    static Measured once() throws Exception {
        long floorStart = System.nanoTime();
        Process build = new ProcessBuilder(FLOOR).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (build.waitFor() != 0) {
            throw new IllegalStateException("the build failed: " + String.join(" ", FLOOR));
        }
        double floor = (System.nanoTime() - floorStart) / 1e9;

        int port = freePort();
        Path data = Files.createTempDirectory("perennial-start-bench");
        ProcessBuilder builder = new ProcessBuilder(RUN).redirectErrorStream(true);
        builder.environment().putAll(Map.of("MICRONAUT_SERVER_PORT", Integer.toString(port),
                "PERENNIAL_DATA_DIR", data.toString()));
        long start = System.nanoTime();
        Process platform = builder.start();
        AtomicLong startup = new AtomicLong(-1);
        Thread reader = new Thread(() -> readStartup(platform, startup), "start-bench-output");
        reader.setDaemon(true);
        reader.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2)).build();
            while (true) {
                if (!platform.isAlive()) {
                    throw new IllegalStateException("the run command ended with " + platform.exitValue());
                }
                if (System.nanoTime() - start > GIVE_UP.toNanos()) {
                    throw new IllegalStateException("not healthy after " + GIVE_UP);
                }
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return new Measured((System.nanoTime() - start) / 1e9, floor, startup.get());
                    }
                } catch (IOException notYet) {
                    // Not listening yet.
                }
                Thread.sleep(50);
            }
        } finally {
            platform.descendants().forEach(ProcessHandle::destroy);
            platform.destroy();
            platform.waitFor();
        }
    }

    private static void readStartup(Process platform, AtomicLong startup) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(platform.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Matcher found = STARTUP.matcher(line);
                if (found.find()) {
                    startup.set(Long.parseLong(found.group(1)));
                }
            }
        } catch (IOException ended) {
            // The process was stopped.
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
