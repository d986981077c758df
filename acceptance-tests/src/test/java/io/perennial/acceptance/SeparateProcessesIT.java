package io.perennial.acceptance;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.perennial.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment shape of docker-compose: the worker and the API each run from their own runnable jar as a separate
 * JVM, configured only by environment variables, against the real Temporal server and an external PostgreSQL.
 * The API never polls task queues, so the subscription below only gets going because the worker process runs it.
 */
@NeedsTemporalCli
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeparateProcessesIT {

    private TemporalDevServer temporal;
    private final List<Process> processes = new ArrayList<>();
    private Path logs;
    private HttpClient workerHttp;
    private HttpClient apiHttp;
    private ApiSession api;

    @BeforeAll
    void startWorkerAndApi() throws Exception {
        temporal = TemporalDevServer.start();
        logs = Files.createTempDirectory("perennial-processes-");
        Map<String, String> shared = new HashMap<>();
        shared.put("TEMPORAL_ADDRESS", temporal.target);
        shared.put("DATASOURCES_DEFAULT_URL", TestDatabase.jdbcUrl());
        shared.put("DATASOURCES_DEFAULT_USERNAME", "postgres");
        shared.put("DATASOURCES_DEFAULT_PASSWORD", "postgres");
        shared.put("PERENNIAL_GATEWAY_LATENCY", "0ms");
        // The worker and the API must share the payload key: the API reads what the worker wrote.
        byte[] payloadKey = new byte[32];
        new SecureRandom().nextBytes(payloadKey);
        shared.put("PAYLOAD_CODEC_KEY_ID", "it-1");
        shared.put("PAYLOAD_CODEC_KEY", Base64.getEncoder().encodeToString(payloadKey));
        // The worker's simulated carrier signs its webhooks; the API verifies them with the same secret.
        byte[] webhookSecret = new byte[32];
        new SecureRandom().nextBytes(webhookSecret);
        shared.put("CARRIER_WEBHOOK_SECRET", Base64.getEncoder().encodeToString(webhookSecret));
        int apiPort = FreePort.find();

        int workerPort = FreePort.find();
        Map<String, String> workerEnv = new HashMap<>(shared);
        workerEnv.put("WORKER_PORT", String.valueOf(workerPort));
        workerEnv.put("CARRIER_WEBHOOK_URL", "http://127.0.0.1:" + apiPort + "/v1/webhooks/carrier");
        workerEnv.put("PERENNIAL_CARRIER_EVENT_DELAYS", "PT1S,PT1S,PT1S,PT1S");
        start("worker", System.getProperty("perennial.worker.jar"), workerEnv);
        workerHttp = HttpClient.create(new URL("http://127.0.0.1:" + workerPort));
        awaitHealthy(workerHttp, "worker");

        Map<String, String> apiEnv = new HashMap<>(shared);
        apiEnv.put("PORT", String.valueOf(apiPort));
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        apiEnv.put("JWT_SECRET", Base64.getEncoder().encodeToString(secret));
        start("api", System.getProperty("perennial.api.jar"), apiEnv);
        apiHttp = HttpClient.create(new URL("http://127.0.0.1:" + apiPort));
        awaitHealthy(apiHttp, "api");
        api = new ApiSession(apiHttp.toBlocking());
    }

    private void start(String name, String jar, Map<String, String> env) throws IOException {
        assertThat(jar).as("runnable jar of the %s module (built by 'package')", name).isNotBlank();
        assertThat(Path.of(jar)).as("runnable jar of the %s module; run ./mvnw verify so it is packaged", name).exists();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", jar)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("MICRONAUT_") || key.startsWith("DATASOURCES_")
                || key.equals("JWT_SECRET") || key.equals("TEMPORAL_ADDRESS") || key.startsWith("PAYLOAD_CODEC_")
                || key.startsWith("CARRIER_WEBHOOK_"));
        builder.environment().putAll(env);
        processes.add(builder.start());
    }

    private void awaitHealthy(HttpClient http, String name) {
        Map<String, Object> health = ApiSession.eventually(() -> {
            for (Process process : processes) {
                assertThat(process.isAlive()).as("%s process is running; see %s", name, logs).isTrue();
            }
            try {
                HttpResponse<Map<String, Object>> answer = http.toBlocking().exchange(HttpRequest.GET("/health"), ApiSession.JSON);
                return answer.body();
            } catch (RuntimeException notYet) {
                return Map.<String, Object>of();
            }
        }, body -> "UP".equals(body.get("status")), Duration.ofSeconds(90));
        assertThat(health).containsEntry("status", "UP");
    }

    @AfterAll
    void stop() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (apiHttp != null) {
            apiHttp.close();
        }
        if (workerHttp != null) {
            workerHttp.close();
        }
        if (temporal != null) {
            temporal.close();
        }
    }

    @Test
    void theApiProcessStartsSubscriptionsThatTheWorkerProcessRuns() {
        String token = api.newCustomer();
        HttpResponse<Map<String, Object>> created = api.post(token, "/v1/subscriptions",
                Map.of("planId", "plan_digital_yearly", "paymentMethod", "pm_card_visa"));
        assertThat(created.code()).isEqualTo(201);
        String id = (String) created.body().get("id");
        String customerId = (String) created.body().get("customerId");
        String path = "/v1/subscriptions/" + id;

        // No trial on the yearly plan: the worker charges the first year at once and the live state says so.
        Map<String, Object> live = ApiSession.eventually(() -> api.get(token, path + "?consistency=strong"),
                view -> "workflow".equals(view.get("source")) && view.get("currentPeriod") != null,
                Duration.ofSeconds(30));
        assertThat(live.get("currentPeriod")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("number", 1);
        assertThat(live).containsEntry("status", "ACTIVE");
        // The period is current from the moment its invoice is issued; the charge settles a moment later.
        assertThat(ApiSession.eventually(() -> succeededPayments(id), keys -> !keys.isEmpty(), Duration.ofSeconds(30)))
                .containsExactly(id + ":1:renewal");
        assertThat(temporal.listWorkflows("CustomerId = '" + customerId + "'"))
                .extracting(info -> info.getExecution().getWorkflowId())
                .containsExactly("subscription-" + id);

        // The worker's metrics, on its internal port: the Temporal SDK's and the business counters.
        String metrics = ApiSession.eventually(() -> workerHttp.toBlocking().retrieve(HttpRequest.GET("/prometheus")),
                text -> text.contains("perennial_charges_total{kind=\"renewal\",outcome=\"succeeded\"")
                        && text.contains("temporal_worker_task_slots_available"), Duration.ofSeconds(30));
        assertThat(metrics).contains("temporal_activity_schedule_to_start_latency", "temporal_sticky_cache_size");

        assertThat(api.post(token, path + "/cancel", Map.of("timing", "IMMEDIATELY")).code()).isEqualTo(200);
        ApiSession.eventually(() -> api.get(token, path), view -> "CANCELED".equals(view.get("status")),
                Duration.ofSeconds(30));
        for (Process process : processes) {
            assertThat(process.isAlive()).isTrue();
        }
    }

    /**
     * An order placed with the API process is run by the worker process, whose simulated carrier posts its signed
     * tracking events back to the API process's webhook until the order is delivered.
     */
    @Test
    void theWorkerProcessesCarrierDeliversItsTrackingEventsToTheApiProcess() {
        // Outside the embedded mode there is no demo stock: an admin would set it up; here, straight into PostgreSQL.
        String sku = "IT-BEANS-" + System.nanoTime() % 1_000_000;
        sql("INSERT INTO products (id, name, kind) VALUES ('prod-it-coffee', 'Coffee', 'PHYSICAL') "
                + "ON CONFLICT (id) DO NOTHING");
        sql("INSERT INTO suppliers (id, name, lead_time_seconds) VALUES ('it-roaster', 'Roaster', 86400) "
                + "ON CONFLICT (id) DO NOTHING");
        sql("INSERT INTO skus (sku, product_id, name, on_hand, reorder_point, reorder_quantity, preferred_supplier_id, "
                + "unit_price_minor, currency) VALUES ('" + sku + "', 'prod-it-coffee', 'Beans', 50, 5, 50, "
                + "'it-roaster', 899, 'EUR')");
        String token = api.newCustomer();
        HttpResponse<Map<String, Object>> placed = api.post(token, "/v1/orders", Map.of(
                "lines", List.of(Map.of("sku", sku, "quantity", 2)),
                "shippingAddress", Map.of("recipient", "Ada", "line1", "Keizersgracht 1", "city", "Amsterdam",
                        "postalCode", "1015 CJ", "countryCode", "NL"),
                "paymentMethod", "pm_card_visa"));
        assertThat(placed.code()).isEqualTo(201);
        assertThat(placed.body()).containsEntry("amountMinor", 1798);
        String id = (String) placed.body().get("id");
        Map<String, Object> delivered = ApiSession.eventually(() -> api.get(token, "/v1/orders/" + id),
                view -> "DELIVERED".equals(view.get("status")), Duration.ofSeconds(60));
        assertThat(delivered).containsEntry("chargedMinor", 1798);
    }

    private static void sql(String statement) {
        try (Connection connection = TestDatabase.postgres().getPostgresDatabase().getConnection();
             PreparedStatement update = connection.prepareStatement(statement)) {
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Idempotency keys of the subscription's settled payments, straight from PostgreSQL. */
    private static List<String> succeededPayments(String subscriptionId) {
        try (Connection connection = TestDatabase.postgres().getPostgresDatabase().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select idempotency_key from payments where subscription_id = ?::uuid and status = 'SUCCEEDED'")) {
            select.setString(1, subscriptionId);
            List<String> keys = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
