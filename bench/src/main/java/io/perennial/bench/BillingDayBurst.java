package io.perennial.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.perennial.catalog.Catalog;
import io.perennial.catalog.PlanPrice;
import io.perennial.launcher.EmbeddedStack;
import io.perennial.subscription.BillingInterval;
import io.perennial.subscription.IntervalUnit;
import io.perennial.worker.TemporalWorker;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Billing day: {@code --count} renewals due at the same time, drained by the platform's worker with its default
 * tuning, against the floor of as many trivial workflows (a timer, then one no-op activity) due at once on the same
 * server and worker settings. Both bursts are built the same way: everything is parked on its timer, due
 * {@code --seconds} after the first start; the workers stop polling until the last is due (the server keeps the
 * fired timers' tasks), then polling resumes and the clock runs until the last renewal is charged (counted in
 * PostgreSQL) or the last no-op has run. The subscriptions' plan renews every {@code --seconds} (sub-day intervals are
 * allowed for the run only), which must be long enough to park and charge every first period. Afterwards the
 * simulated bank's own ledger is read: each subscription's renewal charged once, none lost.
 */
final class BillingDayBurst {

    private static final Duration DRAIN_AT_MOST = Duration.ofMinutes(30);
    private static final Duration PARK_AT_MOST = Duration.ofMinutes(20);

    private BillingDayBurst() {
    }

    /**
     * The two drains, and what the bank saw: renewals charged more than once (must be 0) and subscriptions whose
     * renewal was never charged (must be 0). CPU seconds by process during the subscriptions' drain.
     */
    record Measured(int count, double floorSeconds, double subscriptionSeconds, int chargedTwice, int lost,
                    Map<String, Double> floorCpuSeconds, Map<String, Double> cpuSeconds) {
        double floorRate() {
            return count / floorSeconds;
        }

        double subscriptionRate() {
            return count / subscriptionSeconds;
        }
    }

    static Measured run(BenchOptions options, EmbeddedStack.Options servers) throws Exception {
        return BenchPlatform.withSubDayIntervals(servers, (stack, context) -> measure(options, stack, context));
    }

    static Measured measure(BenchOptions options, EmbeddedStack stack, ApplicationContext context)
            throws Exception {
        int count = options.count();
        Duration interval = options.phase();
        System.out.printf("billing-day burst: %d due at once, renewal every %d s, %d starting threads, Temporal %s%n",
                count, interval.toSeconds(), options.clients(),
                stack.temporalInProcess() ? "in-process test server" : stack.temporalTarget());
        Map<String, Double> floorCpu = new java.util.TreeMap<>();
        double floor = floorDrain(context.getBean(WorkflowClient.class), count, options.clients(), interval,
                floorCpu);
        System.out.printf("  floor: %d trivial workflows drained in %.1f s (%.1f/s); CPU seconds meanwhile: %s%n",
                count, floor, count / floor, floorCpu);

        DataSource database = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
        TemporalWorker worker = context.getBean(TemporalWorker.class);
        String planId = "bench_burst_" + UUID.randomUUID().toString().substring(0, 8);
        context.getBean(Catalog.class).createPlan(planId, "prod_digital", "Bench billing day",
                new BillingInterval(IntervalUnit.SECOND, (int) interval.toSeconds()),
                new Catalog.Terms(List.of(new PlanPrice("EUR", 1299)), null, List.of(), null));
        long firstStarted = System.nanoTime();
        park(context, planId, count, options.clients());
        long lastStarted = System.nanoTime();
        waitFor(database, planId, 1, count, PARK_AT_MOST);
        long firstDue = firstStarted + interval.toNanos();
        if (System.nanoTime() >= firstDue) {
            throw new IllegalStateException("parking and first charges took longer than the renewal interval ("
                    + interval.toSeconds() + " s): run again with a larger --seconds");
        }
        worker.suspendPolling();
        Thread.sleep(Math.max(0, (lastStarted + interval.toNanos() - System.nanoTime()) / 1_000_000) + 3_000);
        Map<String, Double> cpuBefore = CpuSplit.now();
        long released = System.nanoTime();
        worker.resumePolling();
        waitFor(database, planId, 2, count, DRAIN_AT_MOST);
        double drained = (System.nanoTime() - released) / 1e9;
        Map<String, Double> cpu = CpuSplit.since(cpuBefore);
        int twice = query(database, "select count(*) from (select split_part(c.idempotency_key, ':', 1) as sub,"
                + " split_part(c.idempotency_key, ':', 2) as period from simulated_gateway_charges c"
                + " where c.outcome = 'SUCCEEDED') charges join subscriptions s on s.id::text = charges.sub"
                + " where s.plan_id = ? group by sub, period having count(*) > 1", planId, true);
        int lost = query(database, "select count(*) from subscriptions s where s.plan_id = ? and s.id::text not in"
                + " (select split_part(idempotency_key, ':', 1) from simulated_gateway_charges"
                + " where outcome = 'SUCCEEDED' and split_part(idempotency_key, ':', 2) = '2')", planId, false);
        Measured measured = new Measured(count, floor, drained, twice, lost, floorCpu, cpu);
        System.out.printf("| billing-day burst, N = %d | subscriptions %.1f s (%.1f/s) | floor %.1f s (%.1f/s) |"
                        + " ratio %.2f | charged twice %d | lost %d |%n", count, drained, measured.subscriptionRate(),
                floor, measured.floorRate(), measured.subscriptionRate() / measured.floorRate(), twice, lost);
        System.out.println("  CPU seconds during the subscriptions' drain: " + cpu);
        return measured;
    }

    /** The floor's drain in seconds: parked, held back past their shared due time, released. */
    private static double floorDrain(WorkflowClient temporal, int count, int threads, Duration interval,
                                     Map<String, Double> cpu) throws Exception {
        WorkerFactory factory = WorkerFactory.newInstance(temporal);
        String queue = RenewalFloor.TASK_QUEUE + "-burst-" + UUID.randomUUID().toString().substring(0, 8);
        Worker worker = factory.newWorker(queue);
        worker.registerWorkflowImplementationTypes(RenewalFloor.BurstFloorWorkflowImpl.class);
        RenewalFloor.CountingNoOp noOps = new RenewalFloor.CountingNoOp();
        worker.registerActivitiesImplementations(noOps);
        factory.start();
        try {
            // Due --seconds after the first start, as the subscriptions' first renewal is; held back until then.
            long dueAt = System.currentTimeMillis() + interval.toMillis();
            inParallel(count, threads, i -> {
                RenewalFloor.BurstFloorWorkflow floor = temporal.newWorkflowStub(
                        RenewalFloor.BurstFloorWorkflow.class, WorkflowOptions.newBuilder()
                                .setWorkflowId("bench-burst-floor-" + UUID.randomUUID()).setTaskQueue(queue).build());
                WorkflowClient.start(floor::run, dueAt);
            });
            long parkedBy = System.nanoTime() + PARK_AT_MOST.toNanos();
            while (noOps.parked.get() < count && System.nanoTime() < parkedBy) {
                Thread.sleep(100);
            }
            factory.suspendPolling();
            if (System.currentTimeMillis() >= dueAt) {
                throw new IllegalStateException("the floor's " + count + " workflows were not parked before their"
                        + " due time: run again with a larger --seconds");
            }
            Thread.sleep(Math.max(0, dueAt - System.currentTimeMillis()) + 3_000);
            Map<String, Double> cpuBefore = CpuSplit.now();
            long released = System.nanoTime();
            factory.resumePolling();
            long drainBy = released + DRAIN_AT_MOST.toNanos();
            while (noOps.done.get() < count) {
                if (System.nanoTime() > drainBy) {
                    throw new IllegalStateException("the floor drained " + noOps.done.get() + " of " + count);
                }
                Thread.sleep(50);
            }
            cpu.putAll(CpuSplit.since(cpuBefore));
            return (noOps.lastDoneNanos - released) / 1e9;
        } finally {
            factory.shutdownNow();
        }
    }

    /** Starts {@code count} subscriptions of the plan the bare way (the API's workflow and row), one customer each thread. */
    private static void park(ApplicationContext context, String planId, int count, int threads) throws Exception {
        URI base = context.getBean(EmbeddedServer.class).getURL().toURI();
        ObjectMapper json = context.getBean(ObjectMapper.class);
        HttpClient http = HttpClient.newHttpClient();
        List<UUID> customers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            customers.add(ParkedMemory.customerId(Customers.register(http, base, json), json));
        }
        BareStart bare = new BareStart(context, planId);
        inParallel(count, threads, i -> bare.start(customers.get(i % threads)));
    }

    private interface Task {
        void run(int i) throws Exception;
    }

    private static void inParallel(int count, int threads, Task task) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    try {
                        task.run(i);
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }
            }, "bench-burst-" + t);
            thread.start();
            started.add(thread);
        }
        for (Thread thread : started) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " starts failed", failures.get(0));
        }
    }

    /** Waits until {@code expected} subscriptions of the plan have their period's renewal paid. */
    private static void waitFor(DataSource database, String planId, int period, int expected, Duration atMost)
            throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        int paid;
        while ((paid = paid(database, planId, period)) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(paid + " of " + expected + " period " + period + " charges in "
                        + atMost);
            }
            Thread.sleep(period == 1 ? 500 : 100);
        }
    }

    private static int paid(DataSource database, String planId, int period) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement("select count(*) from payments p"
                     + " join subscriptions s on s.id = p.subscription_id where s.plan_id = ? and p.period = ?"
                     + " and p.status = 'SUCCEEDED'")) {
            statement.setString(1, planId);
            statement.setInt(2, period);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** One count; {@code countRows}: the number of rows the query returns instead of its single value. */
    private static int query(DataSource database, String sql, String planId, boolean countRows) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, planId);
            try (ResultSet rows = statement.executeQuery()) {
                int n = 0;
                while (rows.next()) {
                    n = countRows ? n + 1 : rows.getInt(1);
                }
                return n;
            }
        }
    }
}
