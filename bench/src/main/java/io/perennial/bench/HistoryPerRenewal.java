package io.perennial.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.perennial.catalog.Catalog;
import io.perennial.catalog.PlanPrice;
import io.perennial.launcher.EmbeddedStack;
import io.perennial.subscription.BillingInterval;
import io.perennial.subscription.IntervalUnit;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.WorkerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * History events per uneventful renewal cycle of a subscription against the floor of one timer and one no-op
 * activity per cycle, both on the same Temporal server. The plan renews every few seconds (sub-day intervals are
 * allowed for this run only); a cycle is counted from one {@code IssueInvoice} activity to the next (in the floor,
 * from one {@code BenchNoOp} to the next), so both are measured at the same point of their cycle.
 */
final class HistoryPerRenewal {

    private static final String INVOICE_ACTIVITY = "IssueAndChargeInvoice";
    private static final String FLOOR_ACTIVITY = "BenchNoOp";

    private HistoryPerRenewal() {
    }

    /** Events per cycle of each, and what one subscription cycle is made of (event type → count). */
    record Measured(double subscriptionPerCycle, double floorPerCycle, Map<String, Integer> oneCycle) {
    }

    static Measured run(BenchOptions options, EmbeddedStack.Options servers) throws Exception {
        return BenchPlatform.withSubDayIntervals(servers, (stack, context) -> measure(options, stack, context));
    }

    static Measured measure(BenchOptions options, EmbeddedStack stack, ApplicationContext context)
            throws Exception {
        int cycles = Math.max(3, options.rounds() + 1);
        Duration interval = Duration.ofSeconds(Math.max(2, options.phase().toSeconds()));
        WorkflowClient temporal = context.getBean(WorkflowClient.class);
        String planId = "bench_every_" + interval.toSeconds() + "s_" + UUID.randomUUID().toString().substring(0, 6);
        context.getBean(Catalog.class).createPlan(planId, "prod_digital", "Bench renewal",
                new BillingInterval(IntervalUnit.SECOND, (int) interval.toSeconds()),
                new Catalog.Terms(List.of(new PlanPrice("EUR", 1299)), null, List.of(), null));

        WorkerFactory floorWorkers = WorkerFactory.newInstance(temporal);
        var worker = floorWorkers.newWorker(RenewalFloor.TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(RenewalFloor.FloorWorkflowImpl.class);
        worker.registerActivitiesImplementations(new RenewalFloor.NoOp());
        floorWorkers.start();
        try {
            System.out.printf("history per renewal: %d cycles every %d s, Temporal %s%n", cycles,
                    interval.toSeconds(), stack.temporalInProcess() ? "in-process test server" : stack.temporalTarget());
            String floorId = "bench-renewal-floor-" + UUID.randomUUID();
            RenewalFloor.FloorWorkflow floor = temporal.newWorkflowStub(RenewalFloor.FloorWorkflow.class,
                    WorkflowOptions.newBuilder().setWorkflowId(floorId).setTaskQueue(RenewalFloor.TASK_QUEUE).build());
            WorkflowClient.start(floor::run, cycles + 1, interval);
            String subscriptionWorkflow = WorkflowIds.subscription(subscribe(context, planId));

            List<HistoryEvent> subscription = waitForCycles(temporal, subscriptionWorkflow, INVOICE_ACTIVITY, cycles,
                    interval.multipliedBy(cycles + 3));
            List<HistoryEvent> floorHistory = waitForCycles(temporal, floorId, FLOOR_ACTIVITY, cycles,
                    interval.multipliedBy(cycles + 3));
            Measured measured = new Measured(perCycle(subscription, INVOICE_ACTIVITY),
                    perCycle(floorHistory, FLOOR_ACTIVITY), lastCycle(subscription));
            System.out.printf("| events per uneventful renewal | subscription %.1f | floor (timer + no-op activity) "
                    + "%.1f | ratio %.2f |%n", measured.subscriptionPerCycle(), measured.floorPerCycle(),
                    measured.subscriptionPerCycle() / measured.floorPerCycle());
            System.out.println("one subscription cycle: " + measured.oneCycle());
            return measured;
        } finally {
            floorWorkers.shutdownNow();
        }
    }

    private static String subscribe(ApplicationContext context, String planId) throws Exception {
        URI base = context.getBean(EmbeddedServer.class).getURL().toURI();
        ObjectMapper json = context.getBean(ObjectMapper.class);
        HttpClient http = HttpClient.newHttpClient();
        String token = Customers.register(http, base, json);
        String created = Customers.send(http, HttpRequest.newBuilder(base.resolve("/v1/subscriptions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"planId\":\"" + planId
                        + "\",\"paymentMethod\":\"pm_card_visa\"}")).build(), 201);
        return (String) json.readValue(created, Argument.mapOf(String.class, Object.class)).get("id");
    }

    /** The history once it holds {@code cycles} + 1 scheduled {@code activity} events (the first is the sign-up). */
    private static List<HistoryEvent> waitForCycles(WorkflowClient temporal, String workflowId, String activity,
                                                    int cycles, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            List<HistoryEvent> events = temporal.fetchHistory(workflowId).getEvents();
            if (scheduled(events, activity).size() > cycles) {
                return events;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(workflowId + " scheduled " + scheduled(events, activity).size()
                        + " " + activity + " in " + atMost + "; expected " + (cycles + 1));
            }
            Thread.sleep(500);
        }
    }

    private static List<Integer> scheduled(List<HistoryEvent> events, String activity) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            HistoryEvent event = events.get(i);
            if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
                    && event.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals(activity)) {
                at.add(i);
            }
        }
        return at;
    }

    /** Events from the first marker activity to the last, per cycle between them. */
    private static double perCycle(List<HistoryEvent> events, String activity) {
        List<Integer> at = scheduled(events, activity);
        return (at.get(at.size() - 1) - at.get(0)) / (double) (at.size() - 1);
    }

    private static Map<String, Integer> lastCycle(List<HistoryEvent> events) {
        List<Integer> at = scheduled(events, INVOICE_ACTIVITY);
        Map<String, Integer> kinds = new TreeMap<>();
        for (int i = at.get(at.size() - 2); i < at.get(at.size() - 1); i++) {
            kinds.merge(events.get(i).getEventType().name().replace("EVENT_TYPE_", ""), 1, Integer::sum);
        }
        return kinds;
    }
}
