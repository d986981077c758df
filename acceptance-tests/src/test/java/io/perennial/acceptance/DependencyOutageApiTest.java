package io.perennial.acceptance;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.launcher.EmbeddedStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Temporal stalled (it accepts and never answers) or PostgreSQL down or stalled, the API answers within seconds:
 * {@code /health} says DOWN, routes that do not need the missing dependency keep answering, and those that do
 * answer {@code 503 service-unavailable} with {@code Retry-After}. Perennial reaches both through a
 * {@link TcpLink} the test breaks.
 *
 * <p>Not a {@link PlatformTest}: the links go between Perennial and a stack it starts itself, so it builds both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DependencyOutageApiTest {

    private static final String UNAVAILABLE = "https://perennial.dev/problems/service-unavailable";
    /** perennial.api.temporal.call-timeout of this test; the database waits its default 3 s for a connection. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    /** What a loaded build machine may add to a bound before an answer counts as hanging. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    private EmbeddedStack stack;
    private TcpLink temporal;
    private TcpLink database;
    private TestPlatform platform;
    private ApiSession api;
    /** Callers waiting at the same time (the common pool may have a single thread on a small machine). */
    private final ExecutorService clients = Executors.newFixedThreadPool(8);

    @BeforeAll
    void start() {
        stack = EmbeddedStack.start(EmbeddedStack.Options.allEmbedded());
        temporal = new TcpLink("localhost", Integer.parseInt(stack.temporalTarget().replaceFirst(".*:", "")));
        String url = (String) stack.properties().get("datasources.default.url");
        Matcher port = Pattern.compile("localhost:(\\d+)/").matcher(url);
        assertThat(port.find()).as(url).isTrue();
        database = new TcpLink("localhost", Integer.parseInt(port.group(1)));
        platform = TestPlatform.on(stack, Map.of(
                "perennial.temporal.target", "localhost:" + temporal.port(),
                "datasources.default.url", port.replaceFirst("localhost:" + database.port() + "/"),
                "perennial.api.temporal.call-timeout", CALL_TIMEOUT.toMillis() + "ms",
                "perennial.api.health-check-timeout", "2s",
                // Longer than the API's own bounds, so the client sees the API's answer, not its own timeout.
                "micronaut.http.client.read-timeout", "30s"));
        api = platform.api;
    }

    @AfterEach
    void reconnect() {
        temporal.open();
        database.open();
    }

    @AfterAll
    void stop() {
        clients.shutdownNow();
        if (platform != null) {
            platform.close();
        } else if (stack != null) {
            stack.close();
        }
        temporal.close();
        database.close();
    }

    @Test
    void withTemporalStalledHealthIsDownPlansAnswerAndChangesAre503FastWhileReadsFallBackToTheReadModel()
            throws Exception {
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
        String path = "/v1/subscriptions/" + id;
        ApiSession.eventually(() -> api.get(customer, path + "?consistency=strong"),
                view -> "workflow".equals(view.get("source")),
                Duration.ofSeconds(20));

        temporal.stall();
        List<CompletableFuture<Timed<HttpClientResponseException>>> pauses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pauses.add(CompletableFuture.supplyAsync(() -> timed(() -> api.failure(
                    () -> api.post(customer, path + "/pause", Map.of()))), clients));
        }
        temporal.awaitHeldBytes(Duration.ofSeconds(5));

        Timed<Integer> plans = timed(() -> platform.client.toBlocking()
                .exchange(HttpRequest.GET("/v1/plans"), String.class).code());
        assertThat(plans.value()).isEqualTo(200);
        assertThat(plans.took()).isLessThan(CALL_TIMEOUT);
        assertThat(pauses).as("the eight pauses wait on Temporal while the plans answer").noneMatch(
                CompletableFuture::isDone);

        Timed<HttpClientResponseException> health = timed(() -> api.failure(() -> platform.client.toBlocking()
                .exchange(HttpRequest.GET("/health"), String.class)));
        assertThat(health.value().code()).isEqualTo(503);
        assertThat(health.value().getResponse().getBody(String.class).orElseThrow()).contains("DOWN");
        assertThat(health.took()).isLessThan(Duration.ofSeconds(2).plus(SLACK));

        for (CompletableFuture<Timed<HttpClientResponseException>> pause : pauses) {
            Timed<HttpClientResponseException> refused = pause.get(30, TimeUnit.SECONDS);
            assertThat(refused.value().code()).isEqualTo(503);
            assertThat(ApiSession.problem(refused.value())).containsEntry("type", UNAVAILABLE);
            assertThat(refused.value().getResponse().header("Retry-After")).isEqualTo("5");
            assertThat(refused.took()).isLessThan(CALL_TIMEOUT.plus(SLACK));
        }

        // Even a read asking for the workflow falls back to the read model within the call deadline.
        Timed<Map<String, Object>> read = timed(() -> api.get(customer, path + "?consistency=strong"));
        assertThat(read.value()).containsEntry("source", "read-model").containsEntry("status", "TRIALING");
        assertThat(read.took()).isLessThan(CALL_TIMEOUT.plus(SLACK));
        System.out.printf("Temporal stalled: GET /v1/plans %d ms, GET /health %d ms, pause %d ms, "
                        + "GET subscription %d ms%n", plans.took().toMillis(), health.took().toMillis(),
                pauses.get(0).get().took().toMillis(), read.took().toMillis());

        temporal.open();
        ApiSession.eventually(() -> healthStatus(), status -> status == 200, Duration.ofSeconds(30));
        // Temporal answers again; the pauses above were refused (a trial cannot pause) had they got through.
        assertThat(api.post(customer, path + "/cancel", Map.of()).body()).containsEntry("cancelAtPeriodEnd", true);
    }

    @Test
    void withPostgresDownHealthIsDownAndReadsAre503WithRetryAfterWithinSeconds() {
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");

        database.cut();
        Timed<HttpClientResponseException> plans = timed(() -> api.failure(() -> platform.client.toBlocking()
                .exchange(HttpRequest.GET("/v1/plans"), String.class)));
        assertThat(plans.value().code()).isEqualTo(503);
        assertThat(ApiSession.problem(plans.value())).containsEntry("type", UNAVAILABLE)
                .containsEntry("status", 503);
        assertThat(plans.value().getResponse().header("Retry-After")).isEqualTo("5");
        assertThat(plans.took()).isLessThan(Duration.ofSeconds(3).plus(SLACK));

        Timed<HttpClientResponseException> read = timed(() -> api.failure(
                () -> api.get(customer, "/v1/subscriptions/" + id)));
        assertThat(read.value().code()).isEqualTo(503);
        assertThat(ApiSession.problem(read.value())).containsEntry("type", UNAVAILABLE);
        assertThat(read.took()).isLessThan(Duration.ofSeconds(3).plus(SLACK));

        Timed<Integer> health = timed(this::healthStatus);
        assertThat(health.value()).isEqualTo(503);
        assertThat(health.took()).isLessThan(Duration.ofSeconds(3).plus(SLACK));
        System.out.printf("PostgreSQL down: GET /v1/plans %d ms, GET subscription %d ms, GET /health %d ms%n",
                plans.took().toMillis(), read.took().toMillis(), health.took().toMillis());

        database.open();
        ApiSession.eventually(() -> healthStatus(), status -> status == 200, Duration.ofSeconds(30));
        assertThat(api.get(customer, "/v1/subscriptions/" + id)).containsEntry("id", id);
    }

    @Test
    void withPostgresStalledHealthIsDownAtOnceAndARequestStuckOnItAnswers503WithinTheSocketTimeout()
            throws Exception {
        assertThat(platform.client.toBlocking().exchange(HttpRequest.GET("/v1/plans"), String.class).code())
                .isEqualTo(200);
        database.stall();
        // On the connection just used, so the pool hands it out unchecked and the query waits on the stalled link.
        CompletableFuture<Timed<HttpClientResponseException>> stuck = CompletableFuture.supplyAsync(() -> timed(
                () -> api.failure(() -> platform.client.toBlocking().exchange(HttpRequest.GET("/v1/plans"),
                        String.class))), clients);
        database.awaitHeldBytes(Duration.ofSeconds(5));

        Timed<Integer> health = timed(this::healthStatus);
        assertThat(health.value()).isEqualTo(503);
        assertThat(health.took()).isLessThan(Duration.ofSeconds(2).plus(SLACK));

        Timed<HttpClientResponseException> refused = stuck.get(60, TimeUnit.SECONDS);
        assertThat(refused.value().code()).isEqualTo(503);
        assertThat(ApiSession.problem(refused.value())).containsEntry("type", UNAVAILABLE);
        assertThat(refused.took()).isLessThan(Duration.ofSeconds(10).plus(SLACK));
        System.out.printf("PostgreSQL stalled: GET /health %d ms, GET /v1/plans stuck on it %d ms%n",
                health.took().toMillis(), refused.took().toMillis());

        database.open();
        ApiSession.eventually(() -> healthStatus(), status -> status == 200, Duration.ofSeconds(30));
    }

    private int healthStatus() {
        try {
            HttpResponse<String> health = platform.client.toBlocking().exchange(HttpRequest.GET("/health"),
                    String.class);
            return health.code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    private record Timed<T>(T value, Duration took) {
    }

    private static <T> Timed<T> timed(Supplier<T> request) {
        long start = System.nanoTime();
        T value = request.get();
        return new Timed<>(value, Duration.ofNanos(System.nanoTime() - start));
    }
}
