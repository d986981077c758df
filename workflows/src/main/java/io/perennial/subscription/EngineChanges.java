package io.perennial.subscription;

/**
 * The {@code Workflow.getVersion} change ids of the subscription engine, in one place: each is recorded in the
 * histories of subscriptions that ran past it, so none may ever be renamed or removed.
 */
final class EngineChanges {
    /** Subscriptions started before this version run {@link SkeletonLifecycle} to the end. */
    static final String ENGINE = "lifecycle-engine";
    /** Physical plans record each paid period's box as due (an activity the first engine never called). */
    static final String BOXES = "subscription-boxes";
    /** Physical plans with an address ship each paid period's box as a child order (see {@link BoxOrders}). */
    static final String BOX_ORDERS = "subscription-box-orders";
    /** Renewal charges give up after the gateway retry window and put the renewal on hold. */
    static final String GATEWAY_HOLD = "gateway-hold";

    private EngineChanges() {
    }
}
