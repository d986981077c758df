package io.perennial.bench;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.perennial.launcher.EmbeddedStack;
import io.perennial.launcher.PerennialLauncher;
import io.perennial.temporal.codec.SealedSecrets;
import io.perennial.webhook.WebhookEndpoint;
import io.perennial.webhook.WebhookEndpointRepository;
import io.perennial.webhook.WebhookSignature;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Outbound webhooks against their floor (docs/benchmarks.md): events written into the event log reach a receiver on
 * this machine through the relay and the endpoints' workflows, with 1 and 10 endpoints subscribed to everything.
 * Reports deliveries per second for a burst of {@code events} events, and the lag from an event's insert to the
 * receiver's 2xx (p50/p99) at a steady {@code rate} events per second; the floor is the same receiver called by a
 * bare HTTP client loop, one thread per endpoint.
 */
final class WebhookDelivery {

    private WebhookDelivery() {
    }

    static void run(String[] args) throws Exception {
        int events = 200;
        int rate = 20;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Receiver receiver = new Receiver();
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.Options.fromEnvironment())) {
            ApplicationContext context = PerennialLauncher.start(stack, Map.of("micronaut.server.port", -1));
            try {
                for (int endpoints : new int[]{1, 10}) {
                    register(context, receiver, endpoints == 1 ? 1 : 9);
                    System.out.printf("%n%d endpoint(s)%n", endpoints);
                    floor(receiver, endpoints, events);
                    burst(stack, receiver, endpoints, events);
                    steady(stack, receiver, endpoints, rate);
                }
            } finally {
                context.close();
                receiver.server.stop(0);
            }
        }
    }

    private static void register(ApplicationContext context, Receiver receiver, int more) {
        SealedSecrets secrets = context.getBean(SealedSecrets.class);
        WebhookEndpointRepository endpoints = context.getBean(WebhookEndpointRepository.class);
        for (int i = 0; i < more; i++) {
            Instant now = Instant.now();
            endpoints.save(new WebhookEndpoint("we_bench" + UUID.randomUUID().toString().substring(0, 8),
                    receiver.url(), "*", "bench", true, null, secrets.seal(WebhookSignature.newSecret()), null, null,
                    now, now));
        }
    }

    private static void floor(Receiver receiver, int threads, int perThread) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"id\":\"evt_floor\",\"type\":\"invoice.paid\",\"data\":{\"object\":{\"id\":\"in_1\"}}}";
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    long sent = System.nanoTime();
                    http.send(HttpRequest.newBuilder(URI.create(receiver.url())).header("webhook-id", "floor")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    latencies.add(System.nanoTime() - sent);
                }
                return null;
            }));
        }
        for (var future : done) {
            future.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        System.out.printf("  floor (bare HTTP loop, %d thread(s)): %.0f requests/s, latency p50 %.1f ms, p99 %.1f ms%n",
                threads, threads * perThread / seconds, percentile(latencies, 50) / 1e6,
                percentile(latencies, 99) / 1e6);
    }

    private static void burst(EmbeddedStack stack, Receiver receiver, int endpoints, int events) throws Exception {
        long before = receiver.delivered.get();
        long started = System.nanoTime();
        try (Connection connection = connection(stack)) {
            for (int i = 0; i < events; i++) {
                insert(connection, receiver);
            }
        }
        long expected = before + (long) events * endpoints;
        waitFor(() -> receiver.delivered.get() >= expected, Duration.ofMinutes(10));
        double seconds = (receiver.lastAt.get() - started) / 1e9;
        System.out.printf("  burst of %d events: %d deliveries in %.1f s = %.0f deliveries/s%n", events,
                events * endpoints, seconds, events * endpoints / seconds);
    }

    private static void steady(EmbeddedStack stack, Receiver receiver, int endpoints, int rate) throws Exception {
        receiver.lags.clear();
        long before = receiver.delivered.get();
        int seconds = 10;
        try (Connection connection = connection(stack)) {
            for (int i = 0; i < rate * seconds; i++) {
                long due = System.nanoTime() + 1_000_000_000L / rate;
                insert(connection, receiver);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }
        long expected = before + (long) rate * seconds * endpoints;
        waitFor(() -> receiver.delivered.get() >= expected, Duration.ofMinutes(10));
        List<Long> lags = new ArrayList<>(receiver.lags);
        System.out.printf("  steady %d events/s for %d s: lag insert -> 2xx p50 %.0f ms, p99 %.0f ms (%d deliveries)%n",
                rate, seconds, percentile(lags, 50) / 1e6, percentile(lags, 99) / 1e6, lags.size());
    }

    private static void insert(Connection connection, Receiver receiver) throws Exception {
        String id = "evt_" + UUID.randomUUID().toString().replace("-", "");
        receiver.insertedAt.put(id, System.nanoTime());
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO events (id, type, created, resource_type, resource_id, data)
                VALUES (?, 'invoice.paid', ?, 'invoice', 'in_bench', CAST(? AS jsonb))
                """)) {
            insert.setString(1, id);
            insert.setTimestamp(2, Timestamp.from(Instant.now()));
            insert.setString(3, "{\"object\":{\"id\":\"in_bench\",\"totalMinor\":1299,\"currency\":\"EUR\"}}");
            insert.executeUpdate();
        }
    }

    private static Connection connection(EmbeddedStack stack) throws Exception {
        Map<String, Object> database = stack.properties();
        return DriverManager.getConnection((String) database.get("datasources.default.url"),
                (String) database.get("datasources.default.username"),
                (String) database.get("datasources.default.password"));
    }

    private static void waitFor(java.util.function.BooleanSupplier done, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("deliveries did not all arrive within " + within);
            }
            Thread.sleep(20);
        }
    }

    private static double percentile(List<Long> values, int percent) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    /** Answers 200 at once; counts deliveries (not the floor's requests) and their lag from the event's insert. */
    private static final class Receiver {
        final HttpServer server;
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong lastAt = new AtomicLong();
        final Map<String, Long> insertedAt = new ConcurrentHashMap<>();
        final List<Long> lags = Collections.synchronizedList(new ArrayList<>());

        Receiver() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(16));
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                Long inserted = id == null ? null : insertedAt.get(id);
                exchange.sendResponseHeaders(200, 2);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write("ok".getBytes());
                }
                if (inserted != null) {
                    long now = System.nanoTime();
                    lags.add(now - inserted);
                    lastAt.set(now);
                    delivered.incrementAndGet();
                }
            });
            server.start();
        }

        String url() {
            return "http://localhost:" + server.getAddress().getPort() + "/hooks";
        }
    }
}
