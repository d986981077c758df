package io.perennial.temporal;

import io.temporal.common.SearchAttributeKey;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Custom search attributes: what ops filter on in the Temporal UI and what visibility queries use.
 * The worker registers them on the server at startup ({@link #ALL} with their types).
 */
public final class PerennialSearchAttributes {
    public static final SearchAttributeKey<String> CUSTOMER_ID = SearchAttributeKey.forKeyword("CustomerId");
    public static final SearchAttributeKey<String> PLAN_ID = SearchAttributeKey.forKeyword("PlanId");
    public static final SearchAttributeKey<String> SUBSCRIPTION_STATUS = SearchAttributeKey.forKeyword("SubscriptionStatus");
    /** Where an order stands ({@code io.perennial.order.OrderStatus}), e.g. BACKORDERED or SHIPMENT_EXCEPTION. */
    public static final SearchAttributeKey<String> ORDER_STATUS = SearchAttributeKey.forKeyword("OrderStatus");
    /** Where a restock stands ({@code io.perennial.restock.RestockStatus}), e.g. OVERDUE or NEEDS_ATTENTION. */
    public static final SearchAttributeKey<String> RESTOCK_STATUS = SearchAttributeKey.forKeyword("RestockStatus");
    /** The endpoint a {@code webhook-endpoint-{id}} workflow delivers to. */
    public static final SearchAttributeKey<String> WEBHOOK_ENDPOINT_ID = SearchAttributeKey.forKeyword("WebhookEndpointId");
    public static final SearchAttributeKey<OffsetDateTime> NEXT_BILLING_AT = SearchAttributeKey.forOffsetDateTime("NextBillingAt");
    public static final SearchAttributeKey<Long> FAILED_PAYMENT_COUNT = SearchAttributeKey.forLong("FailedPaymentCount");
    /** Why a past-due subscription is not paid ({@code declined}, {@code gateway_unavailable}...); unset when paid. */
    public static final SearchAttributeKey<String> PAYMENT_ISSUE = SearchAttributeKey.forKeyword("PaymentIssue");
    /** When collecting the overdue invoice first failed; unset when paid. */
    public static final SearchAttributeKey<OffsetDateTime> PAYMENT_ISSUE_SINCE =
            SearchAttributeKey.forOffsetDateTime("PaymentIssueSince");

    public static final List<SearchAttributeKey<?>> ALL =
            List.of(CUSTOMER_ID, PLAN_ID, SUBSCRIPTION_STATUS, NEXT_BILLING_AT, FAILED_PAYMENT_COUNT, ORDER_STATUS,
                    RESTOCK_STATUS, WEBHOOK_ENDPOINT_ID, PAYMENT_ISSUE, PAYMENT_ISSUE_SINCE);

    private PerennialSearchAttributes() {
    }
}
