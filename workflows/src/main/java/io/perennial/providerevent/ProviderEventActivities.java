package io.perennial.providerevent;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The effects of provider events on our ledger. Each is idempotent: an event applied twice changes nothing more. */
@ActivityInterface
public interface ProviderEventActivities {

    /**
     * A PENDING payment gets the provider's answer, stored as the reconciliation sweep stores it; a held renewal is
     * woken to collect with it, money taken for a voided invoice is given back. A settled payment is left alone.
     */
    @ActivityMethod(name = "SettlePaymentFromProviderEvent")
    ProviderEventOutcome settlePayment(ProviderEvent event);

    /** Refunds the provider made that our ledger does not have (made outside Perennial) are recorded, not made. */
    @ActivityMethod(name = "RecordProviderRefunds")
    ProviderEventOutcome recordRefunds(ProviderEvent event);

    /** The dispute is recorded against the payment's invoice, audited and counted; ops see it. */
    @ActivityMethod(name = "RecordDispute")
    ProviderEventOutcome recordDispute(ProviderEvent event);

    /**
     * The dispute is decided: won (or an inquiry closed without a chargeback), the amount comes back to recognised
     * revenue; lost, it stays out. Closed once; a dispute whose opening was never told is recorded first.
     */
    @ActivityMethod(name = "CloseDispute")
    ProviderEventOutcome closeDispute(ProviderEvent event);

    /**
     * HOOK for the customer-action flow (payments waiting for the customer, {@code nextAction}): today the event is
     * only logged. That flow replaces this with a signal to the workflow that waits for the customer.
     */
    @ActivityMethod(name = "CustomerActionRequired")
    ProviderEventOutcome customerActionRequired(ProviderEvent event);
}
