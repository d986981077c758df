package io.perennial.order;

import io.perennial.inventory.StockReservation;
import io.perennial.risk.RiskDecision;
import io.perennial.risk.RiskReviewStatus;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.perennial.order.OrderStatus.CANCELED;
import static io.perennial.order.OrderStatus.IN_REVIEW;
import static io.perennial.order.OrderStatus.PAID;
import static io.perennial.order.OrderStatus.RECEIVED;
import static io.perennial.order.OrderStatus.SHIPMENT_BOOKED;
import static io.perennial.order.OrderStatus.STOCK_RESERVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The risk check before the charge: pass, manual review (approve, refuse, deadline) and refusal at once. */
class OrderRiskReviewTest extends OrderWorkflowTestSupport {

    @Test
    void aCleanOrderIsCheckedAndChargedWithoutReview(TestWorkflowEnvironment env, WorkflowClient client,
                                                     Worker worker) {
        inventory.stock(BEANS, 10).stock(MUG, 1);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-clean", "pm_card_visa"));

        OrderState booked = settle(env, workflow);

        assertThat(statuses(booked)).containsExactly(RECEIVED, STOCK_RESERVED, PAID, SHIPMENT_BOOKED);
        assertThat(booked.risk().status()).isEqualTo(RiskReviewStatus.PASSED);
        assertThat(booked.risk().score()).isZero();
        assertThat(risk.checks()).singleElement().satisfies(check -> {
            assertThat(check.amountMinor()).isEqualTo(4599);
            assertThat(check.businessTime()).isEqualTo(MARCH_1_2027);
        });
    }

    @Test
    void aRiskyOrderWaitsInReviewUntilOpsApproveItAndIsThenCharged(TestWorkflowEnvironment env,
                                                                  WorkflowClient client, Worker worker) {
        inventory.stock(BEANS, 10).stock(MUG, 1);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-review", "pm_risky_review"));

        OrderState waiting = settle(env, workflow);
        assertThat(waiting.status()).isEqualTo(IN_REVIEW);
        assertThat(waiting.risk().score()).isEqualTo(60);
        assertThat(waiting.risk().rules()).extracting(rule -> rule.code())
                .containsExactly("DISPOSABLE_EMAIL", "NEW_ACCOUNT_LARGE_FIRST_ORDER");
        // Business time: the check runs a moment after the order is placed, whatever the machine's load.
        assertThat(waiting.risk().checkedAt()).isBetween(MARCH_1_2027, MARCH_1_2027.plusSeconds(60));
        assertThat(waiting.risk().reviewDeadlineAt()).isEqualTo(waiting.risk().checkedAt().plus(Duration.ofHours(48)));
        assertThat(payments.charged("o-review")).isZero();
        assertThat(records.latest("o-review").status()).isEqualTo(IN_REVIEW);
        assertThat(orderStatusAttribute(client, "o-review")).isEqualTo("IN_REVIEW");

        env.sleep(Duration.ofHours(3));
        OrderState decided = workflow.decideRisk(new RiskDecision(true, "customer confirmed by phone", "ops-7"));
        assertThat(decided.risk().status()).isEqualTo(RiskReviewStatus.APPROVED);

        OrderState booked = settle(env, workflow);
        assertThat(statuses(booked)).containsExactly(RECEIVED, STOCK_RESERVED, IN_REVIEW, STOCK_RESERVED, PAID,
                SHIPMENT_BOOKED);
        assertThat(booked.history().get(2).reason()).isEqualTo("held for risk review");
        assertThat(booked.history().get(3).reason()).isEqualTo("risk review approved");
        assertThat(booked.risk().decidedBy()).isEqualTo("ops-7");
        assertThat(booked.risk().decisionReason()).isEqualTo("customer confirmed by phone");
        assertThat(booked.risk().decidedAt()).isAfter(booked.risk().checkedAt().plus(Duration.ofHours(3)));
        assertThat(payments.charged("o-review")).isEqualTo(4599);
        assertThatThrownBy(() -> workflow.decideRisk(new RiskDecision(false, "second thoughts", "ops-8")))
                .isInstanceOf(WorkflowUpdateException.class)
                .rootCause().hasMessageContaining("already decided: APPROVED by ops-7");
        OrderHistories.recordIfAsked(client, WorkflowIds.order("o-review"), "order-risk-review-approved");
    }

    @Test
    void opsRefusingAReviewedOrderCancelsItReleasesTheStockAndChargesNothing(TestWorkflowEnvironment env,
                                                                            WorkflowClient client, Worker worker) {
        inventory.stock(BEANS, 2).stock(MUG, 1);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-refused", "pm_risky_review"));
        assertThat(settle(env, workflow).status()).isEqualTo(IN_REVIEW);
        assertThat(inventory.free(BEANS)).isZero();

        workflow.decideRisk(new RiskDecision(false, "address linked to chargebacks", "ops-7"));
        OrderState canceled = result(workflow);

        assertThat(canceled.status()).isEqualTo(CANCELED);
        // The customer reads the failure reason; who refused and why stay in risk, which only staff see.
        assertThat(canceled.failureReason()).isEqualTo("refused by risk review");
        assertThat(canceled.risk().status()).isEqualTo(RiskReviewStatus.REFUSED);
        assertThat(canceled.risk().decidedBy()).isEqualTo("ops-7");
        assertThat(canceled.risk().decisionReason()).isEqualTo("address linked to chargebacks");
        assertThat(inventory.reservation("o-refused")).isEqualTo(StockReservation.Status.RELEASED);
        assertThat(inventory.free(BEANS)).isEqualTo(2);
        assertThat(payments.chargeCount()).isZero();
        assertThat(payments.refundCalls()).isEmpty();
        OrderHistories.recordIfAsked(client, WorkflowIds.order("o-refused"), "order-risk-review-refused");
    }

    @Test
    void aReviewNobodyDecidesIsRefusedAtItsDeadlineAndItsStockReleased(TestWorkflowEnvironment env,
                                                                       WorkflowClient client, Worker worker) {
        inventory.stock(BEANS, 2).stock(MUG, 1);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-undecided", "pm_risky_review"));
        assertThat(settle(env, workflow).status()).isEqualTo(IN_REVIEW);

        env.sleep(Duration.ofHours(47));
        assertThat(workflow.state().status()).isEqualTo(IN_REVIEW);
        env.sleep(Duration.ofHours(1));
        OrderState canceled = result(workflow);

        assertThat(canceled.status()).isEqualTo(CANCELED);
        assertThat(canceled.risk().decidedBy()).isEqualTo("deadline");
        assertThat(canceled.risk().decidedAt()).isEqualTo(canceled.risk().checkedAt().plus(Duration.ofHours(48)));
        assertThat(canceled.failureReason())
                .isEqualTo("refused by risk review: no decision within the review deadline");
        assertThat(canceled.risk().decisionReason())
                .isEqualTo("no decision before " + canceled.risk().reviewDeadlineAt());
        assertThat(inventory.reservation("o-undecided")).isEqualTo(StockReservation.Status.RELEASED);
        assertThat(payments.chargeCount()).isZero();
    }

    @Test
    void anOrderAboveTheRefuseThresholdIsRefusedAtOnceWithoutReview(TestWorkflowEnvironment env,
                                                                    WorkflowClient client, Worker worker) {
        inventory.stock(BEANS, 2).stock(MUG, 1);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-fraud", "pm_risky_refuse"));

        OrderState canceled = result(workflow);

        assertThat(statuses(canceled)).containsExactly(RECEIVED, STOCK_RESERVED, CANCELED);
        assertThat(canceled.risk().score()).isEqualTo(95);
        assertThat(canceled.risk().decidedBy()).isEqualTo("rules");
        assertThat(canceled.failureReason()).isEqualTo("refused by risk review");
        assertThat(canceled.risk().decisionReason()).isEqualTo("score 95 is at or above the refuse threshold 90");
        assertThat(canceled.risk().rules()).extracting(rule -> rule.code())
                .containsExactly("REFUSED_CARD", "DISPOSABLE_EMAIL");
        assertThat(inventory.reservation("o-fraud")).isEqualTo(StockReservation.Status.RELEASED);
        assertThat(payments.chargeCount()).isZero();
    }

    @Test
    void aDecisionOnAnOrderNotInReviewIsRejected(TestWorkflowEnvironment env, WorkflowClient client,
                                                 Worker worker) {
        inventory.stock(BEANS, 10).stock(MUG, 1);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-not-reviewed", "pm_card_visa"));
        assertThat(settle(env, workflow).status()).isEqualTo(SHIPMENT_BOOKED);

        assertThatThrownBy(() -> workflow.decideRisk(new RiskDecision(true, "looks fine", "ops-7")))
                .isInstanceOf(WorkflowUpdateException.class)
                .rootCause().hasMessageContaining("the order is SHIPMENT_BOOKED, not in risk review");
    }

    @Test
    void aCustomerMayCancelAnOrderWhileItIsInReview(TestWorkflowEnvironment env, WorkflowClient client,
                                                   Worker worker) {
        inventory.stock(BEANS, 2).stock(MUG, 1);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-withdrawn", "pm_risky_review"));
        assertThat(settle(env, workflow).status()).isEqualTo(IN_REVIEW);

        workflow.cancel(new OrderCancellation("changed my mind", null));
        OrderState canceled = result(workflow);

        assertThat(canceled.status()).isEqualTo(CANCELED);
        assertThat(canceled.failureReason()).isEqualTo("canceled by the customer: changed my mind");
        assertThat(canceled.risk().status()).isEqualTo(RiskReviewStatus.IN_REVIEW);
        assertThat(inventory.reservation("o-withdrawn")).isEqualTo(StockReservation.Status.RELEASED);
    }
}
