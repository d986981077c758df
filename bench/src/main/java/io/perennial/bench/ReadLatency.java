package io.perennial.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.perennial.launcher.EmbeddedStack;
import io.perennial.launcher.PerennialLauncher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Read latency of {@code GET /v1/plans} and an authenticated {@code GET /v1/subscriptions/{id}} (each client reads
 * its own subscription, whose workflow is hot on the worker), next to the HTTP floor {@code GET /bench/floor}
 * ({@link FloorController}: no I/O, no authentication), on the same server in the same run. For each route: first its saturation (closed
 * loop, {@code --clients} threads, {@code --seconds}), then an open loop at half of it for as long, where latency is
 * measured from each request's planned send time, so a stall is not hidden by the requests it delayed (coordinated
 * omission).
 */
final class ReadLatency {

    private static final int SENDERS = 32;
    private static final Duration WARM_UP = Duration.ofSeconds(3);

    private ReadLatency() {
    }

    private record Route(String name, IntFunction<HttpRequest> request) {
    }

    record Result(String route, double saturation, double offered, long sent, long failed, double p50,
                          double p99, double max) {
    }

    /** One result per route, the floor first. */
    static List<Result> run(BenchOptions options, EmbeddedStack.Options servers) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(servers)) {
            ApplicationContext context = PerennialLauncher.start(stack, Map.of("micronaut.server.port", -1));
            try {
                return measure(options, stack, context);
            } finally {
                context.close();
            }
        }
    }

    static List<Result> measure(BenchOptions options, EmbeddedStack stack, ApplicationContext context)
            throws Exception {
        URI base = context.getBean(EmbeddedServer.class).getURL().toURI();
        ObjectMapper json = context.getBean(ObjectMapper.class);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<String> tokens = new ArrayList<>();
        List<String> subscriptions = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            String token = Customers.register(http, base, json);
            tokens.add(token);
            String created = Customers.send(http, HttpRequest.newBuilder(base.resolve("/v1/subscriptions"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"planId\":\"" + options.planId()
                            + "\",\"paymentMethod\":\"pm_card_visa\"}")).build(), 201);
            subscriptions.add((String) json.readValue(created, Argument.mapOf(String.class, Object.class)).get("id"));
        }
        List<Route> routes = List.of(
                new Route("GET /bench/floor (floor)", i -> HttpRequest.newBuilder(base.resolve("/bench/floor"))
                        .timeout(Duration.ofSeconds(30)).GET().build()),
                new Route("GET /v1/plans", i -> HttpRequest.newBuilder(base.resolve("/v1/plans"))
                        .timeout(Duration.ofSeconds(30)).GET().build()),
                new Route("GET /v1/subscriptions/{id}", i -> HttpRequest.newBuilder(
                                base.resolve("/v1/subscriptions/" + subscriptions.get(i % subscriptions.size())))
                        .header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
                        .timeout(Duration.ofSeconds(30)).GET().build()));
        System.out.printf("read latency: %d clients, %d s phases, plan %s, Temporal %s, %d cores, Java %s%n",
                options.clients(), options.phase().toSeconds(), options.planId(),
                stack.temporalInProcess() ? "in-process test server" : stack.temporalTarget(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        List<Result> results = new ArrayList<>();
        for (Route route : routes) {
            closedLoop(http, route, options.clients(), options.phase().compareTo(WARM_UP) < 0 ? options.phase()
                    : WARM_UP);
            double saturation = closedLoop(http, route, options.clients(), options.phase());
            results.add(openLoop(http, route, saturation, saturation / 2, options.phase()));
        }
        double floor = results.get(0).p99();
        System.out.println("| route | saturation | offered (half) | p50 | p99 | max | p99 / floor p99 | failed |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf("| %s | %.0f/s | %.0f/s | %.1f ms | %.1f ms | %.1f ms | %.1f | %d of %d |%n", r.route(),
                    r.saturation(), r.offered(), r.p50(), r.p99(), r.max(), r.p99() / floor, r.failed(), r.sent());
        }
        return results;
    }

    /** Requests per second that {@code clients} threads sustain back to back. */
    private static double closedLoop(HttpClient http, Route route, int clients, Duration length)
            throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            int index = i;
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    try {
                        if (http.send(route.request().apply(index), HttpResponse.BodyHandlers.discarding())
                                .statusCode() == 200) {
                            done.incrementAndGet();
                        }
                    } catch (Exception e) {
                        // counted by not counting it
                    }
                }
            }, "bench-read-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return done.get() / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * Sends at {@code rate} per second on a fixed schedule and measures each answer from its planned send time.
     * {@value #SENDERS} threads send (a bounded number of connections, as a real client pool has); when all are
     * busy, a request waits, and that wait counts in its latency.
     */
    private static Result openLoop(HttpClient http, Route route, double saturation, double rate, Duration length)
            throws InterruptedException {
        long interval = (long) (1e9 / rate);
        int count = (int) (rate * length.toSeconds());
        long[] latencies = new long[count];
        AtomicLong next = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime() + 50_000_000L;
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < SENDERS; t++) {
            Thread sender = new Thread(() -> {
                for (int n = (int) next.getAndIncrement(); n < count; n = (int) next.getAndIncrement()) {
                    long planned = start + n * interval;
                    long wait = planned - System.nanoTime();
                    try {
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        if (http.send(route.request().apply(n), HttpResponse.BodyHandlers.discarding())
                                .statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                    latencies[n] = System.nanoTime() - planned;
                }
            }, "bench-open-" + t);
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Result(route.name(), saturation, rate, count, failed.get(), millis(sorted, 0.50),
                millis(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
