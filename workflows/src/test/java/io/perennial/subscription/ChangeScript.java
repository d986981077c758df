package io.perennial.subscription;

import io.perennial.billing.CouponDuration;
import io.perennial.billing.CouponTerms;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * The moves of the money property test: what a customer, ops or the clock can do to a subscription, drawn from a
 * seeded {@link Random} so a failing sequence can be run again from its seed.
 */
enum ChangeScript {
    ADVANCE, PAUSE_NOW, PAUSE_AT_PERIOD_END, RESUME, CANCEL_AT_PERIOD_END, CANCEL_NOW, CANCEL_NOW_WITH_REFUND,
    UNCANCEL, UPGRADE, DOWNGRADE, CHANGE_INTERVAL, COUPON, DECLINING_CARD, STOLEN_CARD, GOOD_CARD, OPS_RETRY,
    OPS_REFUND,
    /** A card whose every charge the issuer asks the customer to authenticate. */
    AUTHENTICATING_CARD,
    /** The customer approves, or fails, the charge waiting for them (if any); never answering is the clock's move. */
    CUSTOMER_APPROVES, CUSTOMER_FAILS,
    /**
     * A bank transfer for one of the invoices sent to a {@code SEND_INVOICE} subscription (sometimes recorded twice);
     * drawn only for such subscriptions, and never by {@link #concurrent}, so older seeds draw what they always drew.
     */
    BANK_TRANSFER,
    /** Skip or delay the next box of a box plan: drawn only for such subscriptions, from their own stream. */
    SKIP_BOX, DELAY_BOX,
    /** The client sends its create-and-charge again (same Idempotency-Key): drawn only for such subscriptions. */
    RETRY_CREATE,
    /**
     * More or fewer seats (fewer at the period end, or now with credit), an add-on added or removed now: drawn only
     * for subscriptions that change their items, from their own stream.
     */
    SEATS_UP, SEATS_DOWN, SEATS_DOWN_NOW, ADD_ON, REMOVE_ADD_ON_NOW,
    /**
     * The provider confirms an Alipay or WeChat Pay payment of one of the invoices sent (sometimes twice): it pays an
     * OPEN invoice, and is refunded otherwise. Drawn instead of some bank transfers, from its own stream.
     */
    REDIRECT_PAYMENT;

    /** The add-on the item moves add: 5.00 EUR a period each. */
    static final AddOnItem SUPPORT = new AddOnItem("priority-support", "Priority support", 500, "EUR", 1);

    /** An item change: mostly seats, now and then the add-on. */
    static ChangeScript itemChange(Random random) {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> SEATS_UP;
            case 3 -> SEATS_DOWN;
            case 4 -> SEATS_DOWN_NOW;
            case 5, 6 -> ADD_ON;
            default -> REMOVE_ADD_ON_NOW;
        };
    }

    static final PlanTerms BASIC = SubscriptionWorkflowTestSupport.MONTHLY;
    static final PlanTerms BASIC_WITH_TRIAL = SubscriptionWorkflowTestSupport.MONTHLY_WITH_TRIAL;
    static final PlanTerms PREMIUM = SubscriptionWorkflowTestSupport.PREMIUM_MONTHLY;
    static final PlanTerms YEARLY = SubscriptionWorkflowTestSupport.YEARLY;

    static final List<CouponTerms> COUPONS = List.of(
            new CouponTerms("TWENTY", 2_000, 0, null, CouponDuration.FOREVER, 0),
            new CouponTerms("FREEMONTH", 10_000, 0, null, CouponDuration.ONCE, 0),
            new CouponTerms("FIVEOFF", 0, 500, "EUR", CouponDuration.REPEATING, 3));

    /** A move for the test's own thread: mostly the clock, so periods end and charges happen. */
    static ChangeScript nextMove(Random random) {
        return random.nextInt(100) < 40 ? ADVANCE : concurrent(random);
    }

    /** A change that may also arrive while an activity of the workflow is in flight. */
    static ChangeScript concurrent(Random random) {
        // PAUSE_NOW up to CUSTOMER_FAILS: the moves every kind of subscription can get.
        return values()[1 + random.nextInt(BANK_TRANSFER.ordinal() - 1)];
    }

    /** How far the clock moves: from an hour to about a month, weighted to land near period ends and retries. */
    static Duration advance(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Duration.ofHours(1 + random.nextInt(12));
            case 1 -> Duration.ofDays(1 + random.nextInt(3));
            case 2 -> Duration.ofDays(5 + random.nextInt(10));
            default -> Duration.ofDays(25 + random.nextInt(10));
        };
    }

    static ScriptedGateway.Verdict verdict(Random random) {
        int roll = random.nextInt(100);
        if (roll < 50) {
            return ScriptedGateway.Verdict.APPROVE;
        }
        if (roll < 72) {
            return ScriptedGateway.Verdict.DECLINE;
        }
        if (roll < 78) {
            return ScriptedGateway.Verdict.HARD_DECLINE;
        }
        if (roll < 86) {
            return ScriptedGateway.Verdict.FLAKY_THEN_APPROVE;
        }
        if (roll < 94) {
            return ScriptedGateway.Verdict.LOST_ANSWER;
        }
        return ScriptedGateway.Verdict.OUTAGE;
    }
}
