package io.perennial.api.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.auth.CustomerView;
import io.perennial.api.billing.InvoiceView;
import io.perennial.api.billing.PaymentView;
import io.perennial.api.order.OrderView;
import io.perennial.api.subscription.SubscriptionView;

import java.time.Instant;
import java.util.List;

/** Export my data: the JSON API's own views of everything held about the customer, grouped in one document. */
@Serdeable
public record MyData(Instant exportedAt, CustomerView customer, List<SubscriptionView> subscriptions,
                     List<InvoiceView> invoices, List<PaymentView> payments, List<OrderView> orders,
                     Points points) {

    /** The member points balance and every ledger entry, newest first. */
    @Serdeable
    public record Points(long balance, List<Entry> history) {
    }

    @Serdeable
    public record Entry(String kind, long points, String reason, Instant businessTime, @Nullable Instant expiresAt) {
    }
}
