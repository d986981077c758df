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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code POST /v1/subscriptions} against its floor: a bare {@code WorkflowClient.start} of the same workflow with
 * the same options plus the one insert of the row the API writes, on the same servers and the same number of
 * threads. Phases alternate (floor, API, floor, API…) after a warm-up of each ({@code --warmup}, a phase's length
 * by default), so drift on a shared machine falls on both and the API's longer code path is compiled before it is
 * measured (its rate kept rising for minutes: docs/benchmarks.md). Between phases the worker (in the same process) first catches up with the workflows just started, until no
 * subscription row is still at the sign-up revision 0, so each phase starts from the same quiet background.
 */
final class CreateThroughput {

    private CreateThroughput() {
    }

    /** One kind of create, run by client {@code index}; true when it created a subscription. */
    private interface Create {
        boolean once(int index) throws Exception;
    }

    private record Phase(String name, long created, long failed, Duration took, String firstFailure) {
        double perSecond() {
            return created / (took.toMillis() / 1000.0);
        }
    }

    /** Both rates (creates per second) and the creates that failed in the measured phases. */
    record Measured(double apiRate, double floorRate, long failed) {
    }

    static Measured run(BenchOptions options, EmbeddedStack.Options servers) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(servers)) {
            ApplicationContext context = PerennialLauncher.start(stack, Map.of("micronaut.server.port", -1));
            try {
                return measure(options, stack, context);
            } finally {
                context.close();
            }
        }
    }

    static Measured measure(BenchOptions options, EmbeddedStack stack, ApplicationContext context)
            throws Exception {
        URI base = context.getBean(EmbeddedServer.class).getURL().toURI();
        ObjectMapper json = context.getBean(ObjectMapper.class);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<String> tokens = new ArrayList<>();
        List<UUID> customers = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            String token = Customers.register(http, base, json);
            tokens.add(token);
            customers.add(UUID.fromString((String) claims(token, json).get("customerId")));
        }
        BareStart bare = new BareStart(context, options.planId());
        byte[] body = ("{\"planId\":\"" + options.planId() + "\",\"paymentMethod\":\"pm_card_visa\"}")
                .getBytes(StandardCharsets.UTF_8);

        Create api = index -> {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/subscriptions"))
                    .header("Authorization", "Bearer " + tokens.get(index))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            return true;
        };
        Create floor = index -> {
            bare.start(customers.get(index));
            return true;
        };

        System.out.printf("create throughput: %d clients, %d s phases × %d rounds, plan %s, Temporal %s, %d cores, "
                        + "Java %s%n", options.clients(), options.phase().toSeconds(), options.rounds(),
                options.planId(), stack.temporalInProcess() ? "in-process test server" : stack.temporalTarget(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        phase("warm-up floor", floor, options.clients(), options.warmUp());
        phase("warm-up API", api, options.clients(), options.warmUp());
        List<Phase> floors = new ArrayList<>();
        List<Phase> apis = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            bare.settle();
            floors.add(report(phase("floor " + round, floor, options.clients(), options.phase())));
            bare.settle();
            apis.add(report(phase("API " + round, api, options.clients(), options.phase())));
        }
        double floorRate = rate(floors);
        double apiRate = rate(apis);
        System.out.printf("| POST /v1/subscriptions | %.1f/s | bare start + insert | %.1f/s | ratio %.2f |%n",
                apiRate, floorRate, apiRate / floorRate);
        long failed = floors.stream().mapToLong(Phase::failed).sum() + apis.stream().mapToLong(Phase::failed).sum();
        return new Measured(apiRate, floorRate, failed);
    }

    private static double rate(List<Phase> phases) {
        long created = phases.stream().mapToLong(Phase::created).sum();
        long millis = phases.stream().mapToLong(phase -> phase.took().toMillis()).sum();
        return created / (millis / 1000.0);
    }

    private static Phase report(Phase phase) {
        System.out.printf("  %-8s %6d created, %4d failed in %5.1f s: %7.1f/s%s%n", phase.name(), phase.created(),
                phase.failed(), phase.took().toMillis() / 1000.0, phase.perSecond(),
                phase.firstFailure() == null ? "" : " (first failure: " + phase.firstFailure() + ")");
        return phase;
    }

    /** Runs {@code create} on {@code clients} threads released together until the phase is over. */
    private static Phase phase(String name, Create create, int clients, Duration length) throws InterruptedException {
        LongAdder created = new LongAdder();
        LongAdder failed = new LongAdder();
        Map<String, String> firstFailure = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] deadline = new long[1];
        for (int i = 0; i < clients; i++) {
            int index = i;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (System.nanoTime() < deadline[0]) {
                    try {
                        if (create.once(index)) {
                            created.increment();
                        }
                    } catch (Exception e) {
                        failed.increment();
                        firstFailure.putIfAbsent("first", e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                }
            }, "bench-" + i);
            thread.start();
            threads.add(thread);
        }
        long started = System.nanoTime();
        deadline[0] = started + length.toNanos();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return new Phase(name, created.sum(), failed.sum(), took, firstFailure.get("first"));
    }

    /** The token's claims (the API signed it; the benchmark only reads the customer id). */
    static Map<String, Object> claims(String token, ObjectMapper json) throws Exception {
        byte[] payload = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
        return json.readValue(payload, Argument.mapOf(String.class, Object.class));
    }
}
