package io.perennial.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.perennial.launcher.EmbeddedStack;
import io.perennial.launcher.PerennialLauncher;
import io.perennial.recommendation.RecommendationLedger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code POST /v1/behaviour} in events/s against its floor: the same batches of 500 rows stored by the same
 * {@code unnest} multi-row insert straight from the process (no HTTP, JSON, token or validation), on the same
 * database and number of threads. Phases alternate floor, API, floor, API (docs/benchmarks.md).
 */
final class BehaviourIngestion {

    private static final int BATCH = 500;

    private BehaviourIngestion() {
    }

    private interface Batch {
        void once(int client) throws Exception;
    }

    static void run(BenchOptions options) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.Options.fromEnvironment())) {
            ApplicationContext context = PerennialLauncher.start(stack, Map.of("micronaut.server.port", -1));
            try {
                measure(options, context);
            } finally {
                context.close();
            }
        }
    }

    private static void measure(BenchOptions options, ApplicationContext context) throws Exception {
        URI base = context.getBean(EmbeddedServer.class).getURL().toURI();
        ObjectMapper json = context.getBean(ObjectMapper.class);
        RecommendationLedger ledger = context.getBean(RecommendationLedger.class);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<String> tokens = new ArrayList<>();
        List<UUID> customers = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            String token = Customers.register(http, base, json);
            tokens.add(token);
            customers.add(UUID.fromString((String) CreateThroughput.claims(token, json).get("customerId")));
        }
        Instant at = Instant.parse("2027-01-05T10:00:00Z");
        StringBuilder body = new StringBuilder("{\"events\":[");
        List<RecommendationLedger.BehaviourRow> rows = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            String type = i % 4 == 0 ? "added_to_cart" : "viewed";
            String item = "plan_" + (i % 50);
            body.append(i == 0 ? "" : ",").append("{\"type\":\"").append(type)
                    .append("\",\"itemType\":\"plan\",\"itemId\":\"").append(item)
                    .append("\",\"occurredAt\":\"").append(at.plusSeconds(i)).append("\"}");
            rows.add(new RecommendationLedger.BehaviourRow(type, "plan", item, null, null, at.plusSeconds(i)));
        }
        byte[] payload = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);

        Batch api = client -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/v1/behaviour"))
                    .header("Authorization", "Bearer " + tokens.get(client))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
        };
        Batch floor = client -> ledger.insertBehaviour(customers.get(client), rows);

        System.out.printf("behaviour ingestion: %d clients, batches of %d, %d s phases × %d rounds, %d cores%n",
                options.clients(), BATCH, options.phase().toSeconds(), options.rounds(),
                Runtime.getRuntime().availableProcessors());
        phase("warm-up floor", floor, options.clients(), Duration.ofSeconds(5));
        phase("warm-up API", api, options.clients(), Duration.ofSeconds(5));
        long floorEvents = 0;
        long floorMillis = 0;
        long apiEvents = 0;
        long apiMillis = 0;
        for (int round = 1; round <= options.rounds(); round++) {
            long[] f = phase("floor " + round, floor, options.clients(), options.phase());
            floorEvents += f[0];
            floorMillis += f[1];
            long[] a = phase("API " + round, api, options.clients(), options.phase());
            apiEvents += a[0];
            apiMillis += a[1];
        }
        double floorRate = floorEvents / (floorMillis / 1000.0);
        double apiRate = apiEvents / (apiMillis / 1000.0);
        System.out.printf("| POST /v1/behaviour | %.0f events/s | bare multi-row insert | %.0f events/s | ratio %.2f |%n",
                apiRate, floorRate, apiRate / floorRate);
    }

    /** Runs {@code batch} on {@code clients} threads for {@code length}; returns events stored and milliseconds. */
    private static long[] phase(String name, Batch batch, int clients, Duration length) throws InterruptedException {
        LongAdder batches = new LongAdder();
        LongAdder failed = new LongAdder();
        long started = System.nanoTime();
        long deadline = started + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    try {
                        batch.once(client);
                        batches.increment();
                    } catch (Exception e) {
                        if (failed.sum() == 0) {
                            System.out.println("  first failure: " + e.getMessage());
                        }
                        failed.increment();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        long events = batches.sum() * BATCH;
        System.out.printf("  %-14s %8d events, %3d failed batches in %5.1f s: %9.0f events/s%n", name, events,
                failed.sum(), millis / 1000.0, events / (millis / 1000.0));
        return new long[]{events, millis};
    }
}
