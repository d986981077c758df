package io.perennial.acceptance;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.periodic.PeriodicJob;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleListDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster rehearsal: the compose stack's engine ({@link TemporalCluster}: the Temporal server built from Go
 * modules on PostgreSQL, set up by the compose file's own jobs), two workers and two API instances from their jars
 * with the compose file's environment, one application database. A billing-day burst while one worker is killed
 * with SIGKILL and one API instance is stopped; ops work through visibility on PostgreSQL; the periodic jobs are
 * Temporal Schedules made once by three worker starts.
 */
@NeedsTemporalCli(server = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterRehearsalIT {

    /** Renewals falling due together; -Dperennial.rehearsal.renewals=N for a bigger burst. */
    private static final int BURST = Integer.getInteger("perennial.rehearsal.renewals", 200);
    private static final int RENEWAL_SECONDS = 60;

    private Path logs;
    private TemporalCluster cluster;
    private ApplicationDatabase perennial;
    private final List<JarProcess> processes = new ArrayList<>();
    private JarProcess worker1;
    private JarProcess worker2;
    private JarProcess api1;
    private JarProcess api2;
    private ApiSession api;
    private String admin;
    private String ops;
    private Instant started;

    @BeforeAll
    void startTheCluster() throws Exception {
        started = Instant.now();
        logs = Files.createTempDirectory("perennial-rehearsal-");
        ComposeServices compose = new ComposeServices(Path.of(System.getProperty("perennial.repository.root", ".."))
                .toAbsolutePath().normalize());
        cluster = TemporalCluster.start(compose, logs);
        perennial = new ApplicationDatabase(cluster.postgres.getDatabase("postgres", "perennial"));

        // What an operator exports before `docker compose up`.
        Map<String, String> exported = Map.of("JWT_SECRET", secret(), "PAYLOAD_CODEC_KEY", secret(),
                "CARRIER_WEBHOOK_SECRET", secret());
        int api1Port = FreePort.find();
        int api2Port = FreePort.find();
        Map<String, String> addresses = Map.of("temporal:7233", cluster.target,
                "postgres:5432", "127.0.0.1:" + cluster.postgres.getPort(), "api:8080", "127.0.0.1:" + api1Port);
        // The rehearsal's own settings: periods of seconds (the flag production leaves off), a sweep every 10 s,
        // the provider's outage held after 3 s and left held until ops retry.
        Map<String, String> rehearsal = Map.of("PERENNIAL_CATALOG_ALLOW_SUB_DAY_INTERVALS", "true",
                "PERENNIAL_RECONCILIATION_EVERY", "10s",
                "PERENNIAL_BILLING_GATEWAY_RETRY_WINDOW", "PT3S", "PERENNIAL_BILLING_GATEWAY_HOLD", "PT10M");

        // Both workers at once: Flyway's advisory lock makes one of them migrate.
        worker1 = process("worker-1", "perennial.worker.jar", compose.environment("worker", exported, addresses,
                with(rehearsal, "WORKER_PORT", FreePort.find())));
        worker2 = process("worker-2", "perennial.worker.jar", compose.environment("worker", exported,
                addresses, with(rehearsal, "WORKER_PORT", FreePort.find())));
        worker1.awaitHealthy(Duration.ofSeconds(120));
        worker2.awaitHealthy(Duration.ofSeconds(120));
        api1 = process("api-1", "perennial.api.jar", compose.environment("api", exported, addresses,
                with(rehearsal, "PORT", api1Port)));
        api2 = process("api-2", "perennial.api.jar", compose.environment("api", exported, addresses,
                with(rehearsal, "PORT", api2Port)));
        api1.awaitHealthy(Duration.ofSeconds(120));
        api2.awaitHealthy(Duration.ofSeconds(120));
        System.out.printf("Rehearsal cluster up in %s (logs in %s)%n", Duration.between(started, Instant.now()), logs);

        api = new ApiSession(api1.http.toBlocking());
        admin = staff("ADMIN");
        ops = staff("OPS");
    }

    @AfterAll
    void stopTheCluster() throws Exception {
        for (JarProcess process : processes) {
            process.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        System.out.printf("Rehearsal took %s%n", Duration.between(started, Instant.now()));
    }

    @Test
    @Order(1)
    void heldRenewalsAreListedThroughVisibilityOnPostgresAndRecoveredByOneBulkRetry() {
        createPlan("plan_rehearsal_outage", Map.of("unit", "MINUTE", "count", 10), Map.of("unit", "SECOND", "count", 3));
        api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "ERRORS", "note", "rehearsal"));
        List<String> ids = new ArrayList<>();
        try {
            String token = api.newCustomer();
            for (int i = 0; i < 4; i++) {
                ids.add((String) api.post(token, "/v1/subscriptions", Map.of("planId", "plan_rehearsal_outage",
                        "paymentMethod", "pm_card_visa")).body().get("id"));
            }
            ApiSession.eventually(() -> visibility("PlanId = 'plan_rehearsal_outage' AND SubscriptionStatus = 'PAST_DUE'"),
                    found -> found.size() == 4, Duration.ofSeconds(60));
            // Through the other API instance: the failed list reads the visibility store on PostgreSQL.
            ApiSession other = new ApiSession(api2.http.toBlocking());
            Map<String, Object> failed = other.get(ops,
                    "/v1/ops/renewals/failed?reason=gateway_unavailable&planId=plan_rehearsal_outage");
            assertThat(failed).containsEntry("source", "visibility");
            assertThat(items(failed)).extracting(row -> row.get("subscriptionId")).containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "NONE"));
        }

        Map<String, Object> batch = api.post(ops, "/v1/ops/renewals/retry",
                Map.of("reason", "gateway_unavailable", "planId", "plan_rehearsal_outage")).body();
        assertThat(ApiSession.eventually(() -> api.get(ops, "/v1/ops/renewals/retry/" + batch.get("batchId")),
                progress -> Boolean.TRUE.equals(progress.get("done")), Duration.ofSeconds(60)))
                .containsEntry("selected", 4).containsEntry("retried", 4);
        ApiSession.eventually(() -> visibility("PlanId = 'plan_rehearsal_outage' AND SubscriptionStatus = 'ACTIVE'"),
                found -> found.size() == 4, Duration.ofSeconds(60));
        assertThat(bankCharges(ids)).as("one charge at the provider per subscription and period")
                .hasSize(4).allSatisfy(charge -> assertThat(charge).endsWith(":1 x1"));
    }

    @Test
    @Order(2)
    void aBillingDayBurstChargesEveryRenewalExactlyOnceWhileAWorkerIsKilledAndAnApiInstanceStops() throws Exception {
        createPlan("plan_rehearsal_burst", Map.of("unit", "SECOND", "count", RENEWAL_SECONDS), null);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            customers.add(api.newCustomer());
        }
        // Sign-ups through both instances; halfway, api-2 is stopped as `docker compose stop` would, and what it
        // did not answer is sent again, with the same Idempotency-Key, to api-1, as a load balancer's retry.
        AtomicBoolean api2Stopped = new AtomicBoolean();
        AtomicInteger answered = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<String>> signUps = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            String token = customers.get(i % customers.size());
            String key = "rehearsal-" + i;
            boolean viaApi2 = i % 2 == 1;
            signUps.add(clients.submit(() -> {
                String id = subscribe(viaApi2 && !api2Stopped.get() ? api2 : api1, token, key);
                if (answered.incrementAndGet() == BURST / 2) {
                    api2Stopped.set(true);
                    api2.stop();
                }
                return id;
            }));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> signUp : signUps) {
            ids.add(signUp.get());
        }
        clients.shutdown();
        assertThat(api2.isAlive()).isFalse();
        assertThat(ids).doesNotHaveDuplicates().hasSize(BURST);
        assertThat(perennial.queryInt("select count(*) from subscriptions where plan_id = 'plan_rehearsal_burst'"))
                .as("no sign-up made twice by the retried requests").isEqualTo(BURST);
        Instant firstDue = perennial.queryInstant(
                "select min(next_billing_at) from subscriptions where plan_id = 'plan_rehearsal_burst'");
        Instant lastDue = perennial.queryInstant(
                "select max(next_billing_at) from subscriptions where plan_id = 'plan_rehearsal_burst'");

        // Every first period charged: from here the workers do the renewals (what CPU they cost is printed below).
        ApiSession.eventually(() -> renewedCount(1), count -> count == BURST, Duration.ofSeconds(300));
        Map<String, Duration> before = cpuUsed();

        // The renewals start falling due: worker-1 dies mid-burst and comes back.
        int chargedAtKill = ApiSession.eventually(() -> renewedCount(2), count -> count > 0, Duration.ofSeconds(120));
        Duration worker1BeforeKill = worker1.cpuUsed();
        worker1.kill();
        assertThat(chargedAtKill).as("worker-1 was killed with renewals outstanding").isLessThan(BURST);
        worker1.start();

        awaitAllRenewed(Duration.ofSeconds(300));
        Instant drained = perennial.queryInstant(
                "select max(p.updated_at) from payments p join subscriptions s on s.id = p.subscription_id"
                + " where s.plan_id = 'plan_rehearsal_burst' and p.period = 2 and p.status = 'SUCCEEDED'");
        worker1.awaitHealthy(Duration.ofSeconds(90));
        System.out.printf("Burst of %d renewals due %s..%s, all charged at %s: drained in %s after the first was due "
                        + "(%d charged when worker-1 was killed)%n", BURST, firstDue, lastDue, drained,
                Duration.between(firstDue, drained), chargedAtKill);

        Map<String, Duration> after = cpuUsed();
        after.merge("workers", worker1BeforeKill, Duration::plus);
        StringBuilder perRenewal = new StringBuilder();
        after.forEach((name, used) -> perRenewal.append(String.format(" %s %d ms", name,
                used.minus(before.get(name)).toMillis() / BURST)));
        System.out.printf("CPU per renewal during the burst:%s; PostgreSQL connections by database %s%n",
                perRenewal, cluster.connectionsByDatabase());

        // Every subscription charged exactly once for each of its two periods, at the provider (the simulated
        // bank's own ledger, by subscription and period whatever the key) and in Perennial's payments.
        List<String> bank = bankCharges(ids);
        assertThat(bank.stream().filter(charge -> charge.endsWith(":1 x1") || charge.endsWith(":2 x1")))
                .hasSize(2 * BURST);
        assertThat(bank).allSatisfy(charge -> assertThat(charge).endsWith(" x1"));
        assertThat(perennial.queryInt("select count(*) from payments p join subscriptions s on s.id = p.subscription_id"
                + " where s.plan_id = 'plan_rehearsal_burst' and p.period <= 2 and p.status = 'SUCCEEDED'"))
                .isEqualTo(2 * BURST);
        // api-1 still serves, and reads what the workers wrote.
        String oneId = ids.get(0);
        assertThat(api.get(customers.get(0), "/v1/subscriptions/" + oneId)).containsEntry("status", "ACTIVE");
    }

    @Test
    @Order(3)
    void everyPeriodicJobIsOneScheduleThatRunsOnceAcrossTheWorkers() {
        ScheduleClient schedules = ScheduleClient.newInstance(cluster.service,
                ScheduleClientOptions.newBuilder().setNamespace("default").build());
        // Three worker starts (two, and worker-1 again) each made sure of every Schedule: one of each exists.
        List<String> ids = ApiSession.eventually(() -> schedules.listSchedules().map(ScheduleListDescription::getScheduleId)
                .toList(), found -> found.size() >= PeriodicJob.values().length, Duration.ofSeconds(30));
        assertThat(ids).containsExactlyInAnyOrder(java.util.Arrays.stream(PeriodicJob.values())
                .map(PeriodicJob::scheduleId).toArray(String[]::new));

        // The sweep runs every 10 s: each scheduled time once, as one workflow, recorded once.
        String sweep = PeriodicJob.RECONCILIATION.scheduleId();
        List<String> runs = ApiSession.eventually(() -> perennial.queryStrings("select run_key from reconciliation_runs"
                + " where trigger = 'schedule' order by run_key"), found -> found.size() >= 3, Duration.ofSeconds(40));
        List<String> workflows = visibility("TemporalScheduledById = '" + sweep + "' AND ExecutionStatus = 'Completed'");
        // A run's key is its workflow id (the Schedule's id and the scheduled time) and run id.
        List<String> runWorkflows = runs.stream().map(run -> run.substring(0, run.indexOf('/'))).toList();
        assertThat(runWorkflows).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).startsWith(sweep + "-"));
        assertThat(workflows).containsAll(runWorkflows.subList(0, runWorkflows.size() - 1));
        List<Instant> times = runWorkflows.stream().map(id -> Instant.parse(id.substring(sweep.length() + 1))).toList();
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i))).as("between runs %s", runs)
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
        }
    }

    /** CPU used so far: the Temporal server, the workers (worker-1's current process) and api-1. */
    private Map<String, Duration> cpuUsed() {
        Map<String, Duration> used = new java.util.LinkedHashMap<>(cluster.cpuUsed());
        used.put("workers", worker1.cpuUsed().plus(worker2.cpuUsed()));
        used.put("worker-2 alone", worker2.cpuUsed());
        used.put("api-1", api1.cpuUsed());
        return used;
    }

    // --- the cluster's clients ---

    private JarProcess process(String name, String jarProperty, Map<String, String> environment) {
        int port = Integer.parseInt(environment.getOrDefault("PORT", environment.get("WORKER_PORT")));
        JarProcess process = JarProcess.start(name, jarProperty, environment, port, logs);
        processes.add(process);
        return process;
    }

    private static Map<String, String> with(Map<String, String> settings, String name, int port) {
        Map<String, String> local = new HashMap<>(settings);
        local.put(name, String.valueOf(port));
        return local;
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Outside embedded mode an admin creates staff; the first one goes straight into the database. */
    private String staff(String role) throws SQLException {
        String email = role.toLowerCase() + "@rehearsal.example";
        String password = "rehearsal-" + UUID.randomUUID();
        perennial.update("insert into users (id, email, password_hash, role) values (?::uuid, ?, ?, ?)",
                UUID.randomUUID().toString(), email, BCrypt.withDefaults().hashToString(4, password.toCharArray()), role);
        return api.login(email, password);
    }

    private void createPlan(String id, Map<String, Object> interval, Map<String, Object> trial) {
        Map<String, Object> plan = new HashMap<>(Map.of("id", id, "productId", "prod_digital", "name", id,
                "interval", interval, "prices", List.of(Map.of("currency", "EUR", "amountMinor", 500))));
        if (trial != null) {
            plan.put("trial", trial);
        }
        assertThat(api.post(admin, "/v1/admin/plans", plan).code()).isEqualTo(201);
    }

    /**
     * A sign-up through {@code instance}; when it does not answer (stopped), again to api-1 with the same key, and
     * again while api-1 answers that the first attempt is still in progress, as the problem document asks.
     */
    private String subscribe(JarProcess instance, String token, String key) throws InterruptedException {
        Map<String, Object> body = Map.of("planId", "plan_rehearsal_burst", "paymentMethod", "pm_card_visa");
        try {
            return created(instance, token, key, body);
        } catch (HttpClientResponseException answered) {
            if (answered.code() < 500) {
                throw answered;
            }
        } catch (RuntimeException noAnswer) {
            // connection refused or closed while the instance stopped
        }
        Instant giveUp = Instant.now().plusSeconds(90);
        while (true) {
            try {
                return created(api1, token, key, body);
            } catch (HttpClientResponseException inProgress) {
                if (inProgress.code() != 409 || Instant.now().isAfter(giveUp)) {
                    throw inProgress;
                }
                Thread.sleep(1000);
            }
        }
    }

    private static String created(JarProcess instance, String token, String key, Map<String, Object> body) {
        var response = instance.http.toBlocking().exchange(HttpRequest.POST("/v1/subscriptions", body)
                .bearerAuth(token).header("Idempotency-Key", key), ApiSession.JSON);
        assertThat(response.code()).isEqualTo(201);
        return (String) response.body().get("id");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    /** Workflow ids matching a visibility query, from the visibility store on PostgreSQL. */
    private List<String> visibility(String query) {
        return cluster.service.blockingStub().listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
                        .setNamespace("default").setQuery(query).setPageSize(1000).build()).getExecutionsList().stream()
                .map(info -> info.getExecution().getWorkflowId()).toList();
    }

    // --- PostgreSQL, what the rehearsal counts ---

    /** Waits for every period 2 to be charged, saying how far it got every 15 s, and where the rest stand if not. */
    private void awaitAllRenewed(Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        Instant nextReport = Instant.now();
        int renewed = renewedCount(2);
        while (renewed < BURST && Instant.now().isBefore(deadline)) {
            if (Instant.now().isAfter(nextReport)) {
                System.out.printf("%s: %d of %d renewals charged%n", Instant.now(), renewed, BURST);
                nextReport = Instant.now().plusSeconds(15);
            }
            Thread.sleep(500);
            renewed = renewedCount(2);
        }
        assertThat(renewed).as("renewals charged; the others: %s", perennial.queryStrings("select s.id || ' ' || s.status"
                + " || ' period ' || coalesce(s.current_period, 0) || ' next ' || coalesce(s.next_billing_at::text, '-')"
                + " || ' issue ' || coalesce(s.payment_issue, '-') from subscriptions s where s.plan_id = "
                + "'plan_rehearsal_burst' and not exists (select 1 from payments p where p.subscription_id = s.id"
                + " and p.period = 2 and p.status = 'SUCCEEDED') limit 20")).isEqualTo(BURST);
    }

    private int renewedCount(int period) {
        return perennial.queryInt("select count(*) from payments p join subscriptions s on s.id = p.subscription_id"
                + " where s.plan_id = 'plan_rehearsal_burst' and p.period = " + period + " and p.status = 'SUCCEEDED'");
    }

    /** The simulated provider's successful charges, as "subscription:period xN", by the key's business identity. */
    private List<String> bankCharges(List<String> subscriptionIds) {
        return perennial.queryStrings("select subscription || ':' || period || ' x' || count(*) from (select"
                + " split_part(idempotency_key, ':', 1) as subscription, split_part(idempotency_key, ':', 2) as period"
                + " from simulated_gateway_charges where outcome = 'SUCCEEDED') charges"
                + " where subscription = any (string_to_array('" + String.join(",", subscriptionIds) + "', ','))"
                + " group by subscription, period");
    }
}
