package io.perennial.api.ops;

import io.perennial.reconciliation.DriftReports;
import io.perennial.reconciliation.ReconciliationFinding;
import io.perennial.reconciliation.ReconciliationRun;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The drift report as ops read it: subscriptions' and orders' charges, each finding naming its kind and owner. */
class ReconciliationOpsControllerTest {

    private static final Instant AT = Instant.parse("2027-03-08T10:00:01Z");

    @Test
    void aRunListsOrderFindingsWithTheirOrderAndItsOrderCountsBesideTheTotals() {
        UUID runId = UUID.randomUUID();
        UUID subscription = UUID.randomUUID();
        ReconciliationRun run = new ReconciliationRun(runId, "schedule-1", "schedule", AT, 3, 2, 1, 0, 1, 1, AT, 2, 1,
                1, 0);
        List<ReconciliationFinding> found = List.of(
                new ReconciliationFinding(UUID.randomUUID(), runId, UUID.randomUUID(), subscription + ":2:renewal",
                        subscription, 1299, "EUR", "SUCCEEDED", "SETTLED", AT, ReconciliationFinding.SUBSCRIPTION,
                        null),
                new ReconciliationFinding(UUID.randomUUID(), runId, UUID.randomUUID(), "order-o-1:charge", null, 4599,
                        "EUR", "SUCCEEDED", "REFUNDED", AT, ReconciliationFinding.ORDER, "o-1"),
                new ReconciliationFinding(UUID.randomUUID(), runId, UUID.randomUUID(), "order-o-2:charge", null, 2500,
                        "EUR", "NOT_BOOKED", "NONE", AT, ReconciliationFinding.ORDER, "o-2"));

        ReconciliationOpsController.Run listed = ReconciliationOpsController.Run.of(new DriftReports.Report(run,
                found));

        assertThat(listed.examined()).isEqualTo(3);
        assertThat(listed.orders()).isEqualTo(new ReconciliationOpsController.OrderCounts(2, 1, 1, 0));
        assertThat(listed.findings()).containsExactly(
                new ReconciliationOpsController.Finding("SUBSCRIPTION", subscription + ":2:renewal",
                        subscription.toString(), null, 1299, "EUR", "SUCCEEDED", "SETTLED"),
                new ReconciliationOpsController.Finding("ORDER", "order-o-1:charge", null, "o-1", 4599, "EUR",
                        "SUCCEEDED", "REFUNDED"),
                new ReconciliationOpsController.Finding("ORDER", "order-o-2:charge", null, "o-2", 2500, "EUR",
                        "NOT_BOOKED", "NONE"));
    }
}
