package io.perennial.catalog;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.subscription.BillingInterval;
import io.perennial.testsupport.Concurrently;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plan rows kept in memory while PostgreSQL announces their changes: a change made by this process is seen at once,
 * one made by another process (another API instance, or SQL by hand) within the notification's delivery, and nothing
 * is kept while the listening connection is down.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanRowsTest implements TestPropertyProvider {

    private static final Duration HEARD_WITHIN = Duration.ofSeconds(5);

    @Inject
    Catalog catalog;

    @Inject
    PlanRows rows;

    @Inject
    PlanRepository plans;

    /** Another process's view of the same table: its own listener and memory. */
    private PlanRows otherInstance;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    @BeforeAll
    void startTheOtherInstance() {
        otherInstance = new PlanRows(plans, TestDatabase.jdbcUrl(), "postgres", "postgres");
    }

    @AfterAll
    void stopTheOtherInstance() {
        otherInstance.close();
    }

    private String plan() {
        String planId = "plan_rows_" + UUID.randomUUID().toString().substring(0, 8);
        catalog.createPlan(planId, "prod_digital", "Kept", BillingInterval.monthly(),
                new Catalog.Terms(List.of(new PlanPrice("EUR", 1000)), null, List.of(), null));
        return planId;
    }

    @Test
    void aRowIsKeptWhileListeningAndAChangeByThisProcessIsSeenAtOnce() throws Exception {
        awaitListening(rows);
        long heard = rows.heard();
        String planId = plan();
        // The creation's own announcement, once heard, must not be what makes the next read go to the database.
        awaitTrue(() -> rows.heard() > heard);
        assertThat(catalog.offer(planId).orElseThrow().plan().active()).isTrue();

        // Written past the trigger, the change is not announced: the row kept is what this process serves.
        withoutNotifications(() -> sql("UPDATE plans SET name = 'Renamed quietly' WHERE id = ?", planId));
        assertThat(catalog.offer(planId).orElseThrow().plan().name()).isEqualTo("Kept");

        catalog.setActive(planId, false);
        assertThat(catalog.offer(planId).orElseThrow().plan().active()).isFalse();
        assertThat(catalog.offer(planId).orElseThrow().plan().name()).isEqualTo("Renamed quietly");
        catalog.addVersion(planId, new Catalog.Terms(List.of(new PlanPrice("EUR", 1100)), null, List.of(), null));
        assertThat(catalog.offer(planId).orElseThrow().version().version()).isEqualTo(2);
        assertThat(catalog.offer(planId).orElseThrow().prices()).containsExactly(new PlanPrice("EUR", 1100));
    }

    @Test
    void aChangeMadeElsewhereReachesAnotherInstanceWithinTheNotification() throws Exception {
        String planId = plan();
        awaitListening(otherInstance);
        assertThat(otherInstance.find(planId).orElseThrow().active()).isTrue();

        catalog.setActive(planId, false);
        awaitTrue(() -> !otherInstance.find(planId).orElseThrow().active());

        sql("UPDATE plans SET active = true, name = 'By hand' WHERE id = ?", planId);
        awaitTrue(() -> otherInstance.find(planId).orElseThrow().active());
        assertThat(otherInstance.find(planId).orElseThrow().name()).isEqualTo("By hand");
        awaitTrue(() -> catalog.offer(planId).orElseThrow().plan().active());
    }

    @Test
    void readersRacingChangesNeverKeepARowOlderThanTheLastChange() throws Exception {
        String planId = plan();
        awaitListening(rows);
        awaitListening(otherInstance);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Concurrently.Outcome<Integer>> outcomes = Concurrently.run(6, thread -> {
            int reads = 0;
            if (thread == 0) {
                for (int flip = 0; flip < 60; flip++) {
                    catalog.setActive(planId, flip % 2 == 0);
                    if (flip % 3 == 0) {
                        catalog.addVersion(planId,
                                new Catalog.Terms(List.of(new PlanPrice("EUR", 1000 + flip)), null, List.of(), null));
                    }
                }
                writing.set(false);
                return reads;
            }
            while (writing.get()) {
                (thread % 2 == 0 ? rows : otherInstance).find(planId);
                catalog.offer(planId);
                reads++;
            }
            return reads;
        });
        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        assertThat(outcomes.stream().mapToInt(Concurrently.Outcome::value).sum()).as("reads raced the changes")
                .isGreaterThan(60);

        Plan stored = plans.findById(planId).orElseThrow();
        assertThat(stored.active()).isFalse();
        assertThat(stored.currentVersion()).isEqualTo(21);
        // This process made the changes: what it serves is the last one at once.
        assertThat(rows.find(planId)).contains(stored);
        assertThat(catalog.offer(planId).orElseThrow().version().version()).isEqualTo(21);
        awaitTrue(() -> otherInstance.find(planId).orElseThrow().equals(stored));
        // And it stays there: no read in flight during the last change kept the row as it was before it.
        Thread.sleep(200);
        assertThat(otherInstance.find(planId)).contains(stored);
    }

    @Test
    void whileTheListenerIsDownEveryReadGoesToTheDatabaseAndItComesBack() throws Exception {
        String planId = plan();
        awaitListening(otherInstance);
        otherInstance.find(planId);

        sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE application_name = 'perennial plan-rows listener' AND pid <> pg_backend_pid()");
        awaitTrue(() -> !otherInstance.isListening());
        withoutNotifications(() -> sql("UPDATE plans SET name = 'Unannounced' WHERE id = ?", planId));
        assertThat(otherInstance.find(planId).orElseThrow().name()).as("nothing kept while deaf")
                .isEqualTo("Unannounced");

        awaitListening(otherInstance);
        awaitListening(rows);
        assertThat(otherInstance.find(planId).orElseThrow().name()).isEqualTo("Unannounced");
        sql("UPDATE plans SET name = 'Heard again' WHERE id = ?", planId);
        awaitTrue(() -> otherInstance.find(planId).orElseThrow().name().equals("Heard again"));
    }

    private static void awaitListening(PlanRows instance) throws InterruptedException {
        instance.find("plan_digital_monthly");
        awaitTrue(instance::isListening);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + HEARD_WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("heard within %s", HEARD_WITHIN).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    /** The trigger off for one statement: a change this test makes without announcing it. */
    private static void withoutNotifications(SqlWork work) throws SQLException {
        sql("ALTER TABLE plans DISABLE TRIGGER plans_changed");
        try {
            work.run();
        } finally {
            sql("ALTER TABLE plans ENABLE TRIGGER plans_changed");
        }
    }

    private static void sql(String statement, String... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabase.jdbcUrl(), "postgres", "postgres")) {
            if (parameters.length == 0) {
                try (Statement plain = connection.createStatement()) {
                    plain.execute(statement);
                }
                return;
            }
            try (PreparedStatement prepared = connection.prepareStatement(statement)) {
                for (int i = 0; i < parameters.length; i++) {
                    prepared.setString(i + 1, parameters[i]);
                }
                prepared.execute();
            }
        }
    }
}
