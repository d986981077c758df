package io.perennial.api.account;

import io.perennial.api.auth.AccountService;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.billing.BillingReads;
import io.perennial.api.billing.PaymentView;
import io.perennial.api.order.OrderService;
import io.perennial.api.subscription.SubscriptionService;
import io.perennial.api.subscription.SubscriptionView;
import io.perennial.points.MemberPoints;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Everything the platform holds about the caller, read through the same services and views as the JSON API (so
 * it never shows more, or other people's, data than they do). The portal's download and
 * {@code GET /v1/customers/me/export} both answer it.
 */
@Singleton
public class AccountExport {

    /** Lists are read whole up to this many items each (the pages' own maximum). */
    private static final int LIMIT = 100;

    private final AccountService accounts;
    private final SubscriptionService subscriptions;
    private final BillingReads billing;
    private final OrderService orders;
    private final MemberPoints points;

    public AccountExport(AccountService accounts, SubscriptionService subscriptions, BillingReads billing,
                         OrderService orders, MemberPoints points) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.billing = billing;
        this.orders = orders;
        this.points = points;
    }

    public MyData export(CurrentUser caller) {
        UUID customerId = caller.requireCustomer();
        List<SubscriptionView> mine = subscriptions.list(caller, LIMIT, null, null, null, null).items();
        List<PaymentView> payments = mine.stream()
                .flatMap(s -> billing.paymentsOfSubscription(caller, UUID.fromString(s.id())).stream()).toList();
        List<MyData.Entry> history = points.history(customerId, 1000, 0).stream()
                .map(e -> new MyData.Entry(e.kind().name(), e.points(), e.reason(), e.businessTime(), e.expiresAt()))
                .toList();
        return new MyData(Instant.now(), accounts.customer(caller), mine,
                billing.invoicesOfCustomer(caller, LIMIT, null).items(), payments,
                orders.list(caller, LIMIT, null, null, null).items(),
                new MyData.Points(points.balance(customerId), history));
    }
}
