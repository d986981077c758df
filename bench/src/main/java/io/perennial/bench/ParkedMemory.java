package io.perennial.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.perennial.launcher.EmbeddedStack;
import io.perennial.launcher.PerennialLauncher;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Heap after a full GC with {@code --count} subscriptions parked (started, first steps run, each waiting on its
 * trial or period timer), against the same process's heap after GC before any was started (the floor). Parked
 * subscriptions are started the bare way ({@link BareStart}: the API's workflow and row, without its HTTP cost) by
 * {@code --clients} threads. On the embedded default the in-process Temporal test server keeps every workflow's
 * history in this same heap; with {@code TEMPORAL_ADDRESS} set the heap is the worker's and the API's only.
 */
final class ParkedMemory {

    private ParkedMemory() {
    }

    /** Heap used after GC, in bytes, before and after parking {@code parked} subscriptions. */
    record Measured(long floorBytes, long parkedBytes, int parked) {
        double perSubscriptionBytes() {
            return (parkedBytes - floorBytes) / (double) parked;
        }
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
        HttpClient http = HttpClient.newHttpClient();
        List<UUID> customers = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            customers.add(customerId(Customers.register(http, base, json), json));
        }
        BareStart bare = new BareStart(context, options.planId());
        System.out.printf("parked memory: %d subscriptions of %s by %d threads, Temporal %s, max heap %d MB%n",
                options.count(), options.planId(), options.clients(),
                stack.temporalInProcess() ? "in-process test server (its histories are in this heap)"
                        : stack.temporalTarget(), Runtime.getRuntime().maxMemory() >> 20);
        long floor = heapAfterGc();
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < options.clients(); t++) {
            UUID customer = customers.get(t);
            Thread thread = new Thread(() -> {
                while (next.getAndIncrement() < options.count()) {
                    bare.start(customer);
                }
            }, "bench-park-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        bare.settle();
        long parked = heapAfterGc();
        Measured measured = new Measured(floor, parked, options.count());
        System.out.printf("| heap after GC | %d parked: %.1f MB | none parked (floor): %.1f MB | %.1f KB a "
                        + "subscription |%n", options.count(), parked / 1048576.0, floor / 1048576.0,
                measured.perSubscriptionBytes() / 1024);
        return measured;
    }

    private static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            memory.gc();
            Thread.sleep(300);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** The customer id a sign-up's token names. */
    static UUID customerId(String token, ObjectMapper json) throws Exception {
        byte[] payload = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
        return UUID.fromString((String) json.readValue(payload, Argument.mapOf(String.class, Object.class))
                .get("customerId"));
    }
}
