package io.perennial.subscription;

import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;

/**
 * Time-skipping tests of {@link SubscriptionWorkflowImpl} against in-memory activities. Time starts on
 * 31 January 2027 09:00 UTC, so the first monthly period without trial runs to 28 February (28 days).
 */
abstract class SubscriptionWorkflowTestSupport {

    static final Instant JAN_31_2027 = Instant.parse("2027-01-31T09:00:00Z");
    static final PlanTerms MONTHLY_WITH_TRIAL =
            new PlanTerms("plan_digital_monthly", "Digital monthly", 1299, "EUR", BillingInterval.monthly(), 14);
    static final PlanTerms MONTHLY =
            new PlanTerms("plan_basic_monthly", "Basic monthly", 1299, "EUR", BillingInterval.monthly(), 0);
    static final PlanTerms PREMIUM_MONTHLY =
            new PlanTerms("plan_premium_monthly", "Premium monthly", 2499, "EUR", BillingInterval.monthly(), 0);
    static final PlanTerms YEARLY =
            new PlanTerms("plan_digital_yearly", "Digital yearly", 12900, "EUR", BillingInterval.yearly(), 0);

    /** A bug fails the workflow at once instead of retrying its task forever, so a broken test fails fast. */
    static final WorkflowImplementationOptions FAIL_FAST = WorkflowImplementationOptions.newBuilder()
            .setFailWorkflowExceptionTypes(NullPointerException.class, IllegalArgumentException.class,
                    IllegalStateException.class, ClassCastException.class)
            .build();

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(FAIL_FAST, SubscriptionWorkflowImpl.class)
            .registerSearchAttribute("CustomerId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute("PlanId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute("SubscriptionStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute("NextBillingAt", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME)
            .registerSearchAttribute("FailedPaymentCount", IndexedValueType.INDEXED_VALUE_TYPE_INT)
            .registerSearchAttribute("OrderStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute("PaymentIssue", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute("PaymentIssueSince", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME)
            // A minute early: start() sleeps to JAN_31_2027 exactly, however long the JVM took to warm up.
            .setInitialTime(JAN_31_2027.minusSeconds(60))
            .setDoNotStart(true)
            .build();

    final FakeBilling billing = new FakeBilling();
    final FakePayments payments = new FakePayments(billing);
    final FakeRecords records = new FakeRecords();
    final FakeNotifications notifications = new FakeNotifications();
    final FakeBoxes boxes = new FakeBoxes();
    WorkflowExecution firstRun;

    SubscriptionWorkflow start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker,
                               String subscriptionId, PlanTerms plan) {
        return start(env, client, worker, subscriptionId, plan, "pm_card_visa", 0);
    }

    SubscriptionWorkflow start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker,
                               String subscriptionId, PlanTerms plan, String paymentMethod, int periodsPerRun) {
        return start(env, client, worker, new SubscriptionStart(subscriptionId, "cust-1", plan, paymentMethod, null,
                periodsPerRun, null, null, null, null));
    }

    SubscriptionWorkflow start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker,
                               SubscriptionStart subscription) {
        worker.registerActivitiesImplementations(payments, records, billing, notifications, boxes);
        env.start();
        // The test server's clock runs in real time between skips; land on a whole second before starting.
        env.sleep(Duration.between(Instant.ofEpochMilli(env.currentTimeMillis()), JAN_31_2027));
        firstRun = launch(client, worker, subscription);
        return client.newWorkflowStub(SubscriptionWorkflow.class, WorkflowIds.subscription(subscription.subscriptionId()));
    }

    /** Starts one more subscription on the running test environment. */
    WorkflowExecution launch(WorkflowClient client, Worker worker, SubscriptionStart subscription) {
        SubscriptionWorkflow workflow = client.newWorkflowStub(SubscriptionWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.subscription(subscription.subscriptionId()))
                .setTaskQueue(worker.getTaskQueue())
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(PerennialSearchAttributes.CUSTOMER_ID, subscription.customerId()).build())
                .build());
        return WorkflowClient.start(workflow::run, subscription);
    }
}
