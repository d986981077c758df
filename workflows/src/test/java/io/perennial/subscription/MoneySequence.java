package io.perennial.subscription;

import io.perennial.payment.RefundReceipt;
import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One subscription of the money property test driven through one seeded sequence of moves ({@link MoneyChanges}
 * sends each to the workflow), observed after every move and checked when it settles. Each kind of subscription
 * draws from its own random stream, so sequences of the kinds that existed before a new one draw what they always
 * drew: invoices sent ({@code SEND_INVOICE}), boxes shipped (skips and delays), created and charged in one call
 * ({@code CHARGE_NOW}, sometimes retried), on plans that suspend when dunning is used up.
 */
final class MoneySequence {

    static final Set<String> BUSINESS_REFUSALS = Set.of(SubscriptionFailures.CHANGE_REJECTED,
            SubscriptionFailures.PLAN_CHANGE_DECLINED, SubscriptionFailures.PLAN_CHANGE_UNAVAILABLE,
            io.perennial.billing.BillingFailures.COUPON_REJECTED,
            // How the test server's default converter labels a validator's or handler's ApplicationFailure.
            "io.temporal.internal.worker.WorkflowExecutionException");

    record Raced(ChangeScript change, WorkflowUpdateHandle<?> handle) {
    }

    final long seed;
    final MoneyWorld world;
    final Random moves;
    final Random charges;
    final Random writes;
    final Random transfers;
    /** Which of the payments a sent invoice gets are redirect payments (Alipay, WeChat Pay): its own stream. */
    final Random redirects;
    final Random boxes;
    final Random creation;
    /** Seats and add-ons: its own stream, drawn only by sequences that change their items. */
    final Random items;
    /** Whether the plans suspend instead of cancel when dunning is used up: its own stream. */
    final Random suspension;
    final boolean suspends;
    final boolean sendsInvoices;
    final boolean shipsBoxes;
    final boolean chargesNow;
    final boolean changesItems;
    final String subscriptionId;
    final List<String> log = new CopyOnWriteArrayList<>();
    final List<String> broken = new CopyOnWriteArrayList<>();
    final List<Raced> racing = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<RefundReceipt>> opsRefunds = new CopyOnWriteArrayList<>();
    /** Every state the workflow wrote to its read model: which periods began, and how. */
    final List<SubscriptionState> written = new CopyOnWriteArrayList<>();
    final MoneyBoxes boxesAsked = new MoneyBoxes();
    private final MoneyChanges changes;
    private SubscriptionStart start;
    WorkflowStub stub;
    SubscriptionWorkflow typed;
    SubscriptionState last;
    SubscriptionState firstAnswer;
    String firstRunId;
    boolean stuck;
    /** Set when the clock stopped because the test server lost a continue-as-new ({@link LostHandOver}). */
    String lostHandOver;

    MoneySequence(long seed, MoneyWorld world) {
        this.seed = seed;
        this.world = world;
        this.moves = new Random(seed);
        this.charges = new Random(seed * 31 + 7);
        this.writes = new Random(seed * 17 + 3);
        // Spread: the first draws of java.util.Random from neighbouring small seeds are nearly all alike.
        this.transfers = new Random(seed * 0x9E3779B97F4A7C15L);
        this.redirects = new Random(seed * 0xBF58476D1CE4E5B9L + 17);
        this.boxes = new Random(seed * 0x2545F4914F6CDD1DL + 11);
        this.creation = new Random(seed * 0xC2B2AE3D27D4EB4FL + 5);
        this.sendsInvoices = transfers.nextInt(4) == 0;
        this.shipsBoxes = boxes.nextInt(5) == 0;
        this.subscriptionId = "money-" + seed;
        this.changes = new MoneyChanges(this);
        this.chargesNow = creation.nextInt(3) == 0;
        this.items = new Random(seed * 0x94D049BB133111EBL + 13);
        this.changesItems = items.nextInt(4) == 0;
        this.suspension = new Random(seed * 0xD6E8FEB86659FD93L + 23);
        this.suspends = suspension.nextInt(3) == 0;
    }

    /** The plan as this sequence sells it: suspending when dunning is used up, if the sequence's plans do. */
    PlanTerms terms(PlanTerms plan) {
        return suspends ? plan.withDunningOutcome(DunningOutcome.SUSPEND) : plan;
    }

    List<String> run() {
        PlanTerms plan = switch (moves.nextInt(4)) {
            case 0 -> ChangeScript.BASIC_WITH_TRIAL;
            case 1 -> ChangeScript.PREMIUM;
            case 2 -> ChangeScript.YEARLY;
            default -> ChangeScript.BASIC;
        };
        if (shipsBoxes) {
            plan = MoneyWorld.COFFEE_BOX;
        }
        plan = terms(plan);
        // As the API: CHARGE_NOW charges a card now, so neither with a trial nor with invoices the customer pays.
        boolean createAndCharge = chargesNow && plan.trialDays() == 0 && !sendsInvoices;
        int periodsPerRun = 1 + moves.nextInt(3);
        log.add("start " + plan.planId() + (plan.trialDays() > 0 ? " with trial" : "") + ", continue-as-new every "
                + periodsPerRun + " periods" + (createAndCharge ? ", created and charged in one call" : "")
                + (suspends ? ", suspends when dunning is used up" : ""));
        world.gateway.script(subscriptionId, new ScriptedGateway.Script() {
            @Override
            public ScriptedGateway.Verdict nextVerdict(io.perennial.payment.InvoiceCharge charge) {
                synchronized (charges) {
                    return ChangeScript.verdict(charges);
                }
            }

            @Override
            public void whileInFlight(io.perennial.payment.InvoiceCharge charge) {
                ChangeScript change = null;
                synchronized (charges) {
                    if (charges.nextInt(100) < 35) {
                        change = ChangeScript.concurrent(charges);
                    }
                }
                synchronized (boxes) {
                    if (shipsBoxes && boxes.nextInt(100) < 10) {
                        change = boxes.nextBoolean() ? ChangeScript.SKIP_BOX : ChangeScript.DELAY_BOX;
                    }
                }
                synchronized (items) {
                    if (changesItems && items.nextInt(100) < 12) {
                        change = ChangeScript.itemChange(items);
                    }
                }
                if (change != null) {
                    race(change, "charge " + charge.idempotencyKey());
                }
            }
        });
        world.records.hook(subscriptionId, state -> {
            written.add(state);
            ChangeScript change = null;
            synchronized (writes) {
                if (writes.nextInt(100) < 12) {
                    change = ChangeScript.concurrent(writes);
                }
            }
            if (change != null) {
                race(change, "write of revision " + state.revision());
            }
        });
        WorkflowClient client = world.env.getWorkflowClient();
        String workflowId = WorkflowIds.subscription(subscriptionId);
        CollectionTerms collection = sendsInvoices ? CollectionTerms.sendInvoice(1 + transfers.nextInt(20)) : null;
        if (collection != null) {
            log.add("sends its invoices, due in " + collection.daysUntilDue() + " days");
            world.sentInvoices.beforeAnswer(invoiceId -> {
                boolean lands;
                synchronized (transfers) {
                    lands = transfers.nextInt(100) < 20;
                }
                if (lands) {
                    changes.pay(invoiceId, "just before the workflow reads the ledger");
                }
            });
        }
        SubscriptionItems startItems = changesItems ? SubscriptionItems.of(1 + items.nextInt(3)) : null;
        if (startItems != null) {
            log.add("changes its items, starting with " + startItems.quantity() + " seats");
        }
        start = new SubscriptionStart(subscriptionId, customerId(), plan, "pm_card_visa", null, periodsPerRun, null,
                null, null, null, shipsBoxes ? MoneyWorld.HOME : null, null, collection, createAndCharge, false,
                startItems);
        typed = client.newWorkflowStub(SubscriptionWorkflow.class, workflowId);
        stub = client.newUntypedWorkflowStub(workflowId);
        if (createAndCharge) {
            firstAnswer = createAndCharge("create");
        } else {
            WorkflowClient.start(starter()::run, start);
        }

        int count = 12 + moves.nextInt(14);
        for (int i = 0; i < count && broken.isEmpty() && !ended(); i++) {
            ChangeScript move = ChangeScript.nextMove(moves);
            if (world.gateway.waitsForCustomer(subscriptionId) && moves.nextInt(100) < 75) {
                // A customer asked to authenticate mostly answers (the rest of the time the deadline may pass).
                move = moves.nextInt(100) < 60 ? ChangeScript.CUSTOMER_APPROVES : ChangeScript.CUSTOMER_FAILS;
            }
            synchronized (transfers) {
                if (sendsInvoices && transfers.nextInt(100) < 30) {
                    move = redirects.nextInt(100) < 40 ? ChangeScript.REDIRECT_PAYMENT : ChangeScript.BANK_TRANSFER;
                }
            }
            synchronized (boxes) {
                if (shipsBoxes && boxes.nextInt(100) < 25) {
                    move = boxes.nextBoolean() ? ChangeScript.SKIP_BOX : ChangeScript.DELAY_BOX;
                }
            }
            synchronized (items) {
                if (changesItems && items.nextInt(100) < 25) {
                    move = ChangeScript.itemChange(items);
                }
            }
            if (last != null && last.status() == SubscriptionStatus.SUSPENDED && suspension.nextInt(100) < 40) {
                // A suspended customer often comes back: a new card, an ops retry, or a payment of the invoice.
                move = switch (suspension.nextInt(3)) {
                    case 0 -> ChangeScript.GOOD_CARD;
                    case 1 -> ChangeScript.OPS_RETRY;
                    default -> sendsInvoices ? ChangeScript.BANK_TRANSFER : ChangeScript.GOOD_CARD;
                };
            }
            if (createAndCharge && creation.nextInt(100) < 12) {
                move = ChangeScript.RETRY_CREATE;
            }
            if (move == ChangeScript.ADVANCE) {
                Duration by = ChangeScript.advance(moves);
                log.add("advance " + by);
                sleep(by);
            } else if (move == ChangeScript.RETRY_CREATE) {
                retryCreate();
            } else {
                send(move, null);
            }
            observe();
        }
        if (!stuck) {
            settle();
        }
        if (!broken.isEmpty() && Boolean.getBoolean("perennial.money.trace")) {
            world.env.getWorkflowClient().fetchHistory(WorkflowIds.subscription(subscriptionId)).getEvents()
                    .forEach(event -> System.out.println("HISTORY " + event.getEventId() + " " + event.getEventType()
                            + " " + java.time.Instant.ofEpochSecond(event.getEventTime().getSeconds())));
        }
        stop();
        return broken;
    }

    /** The stub the API starts with: the id from the request, USE_EXISTING and REJECT_DUPLICATE as the API sets. */
    private SubscriptionWorkflow starter() {
        return world.env.getWorkflowClient().newWorkflowStub(SubscriptionWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.subscription(subscriptionId))
                .setTaskQueue(world.worker.getTaskQueue())
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(PerennialSearchAttributes.CUSTOMER_ID, customerId()).build())
                .build());
    }

    /** Update-with-start as the API sends it: the answer is the first charge's outcome (null if none came). */
    private SubscriptionState createAndCharge(String what) {
        SubscriptionWorkflow starter = starter();
        WorkflowUpdateHandle<SubscriptionState> handle = WorkflowClient.startUpdateWithStart(starter::firstCharge,
                UpdateOptions.<SubscriptionState>newBuilder().setUpdateId("first-charge")
                        .setWaitForStage(WorkflowUpdateStage.ACCEPTED).setResultClass(SubscriptionState.class)
                        .build(),
                new WithStartWorkflowOperation<>(starter::run, start));
        Object answer = await(handle.getResultAsync(), what);
        if (firstRunId == null) {
            firstRunId = handle.getExecution().getRunId();
        } else if (firstRunId.equals(handle.getExecution().getRunId()) && answer != null && firstAnswer != null
                && !answer.equals(firstAnswer)) {
            broken.add("a retried create in the same run answered " + answer + " where the first answered "
                    + firstAnswer);
        }
        log.add("  " + what + " answered " + (answer instanceof SubscriptionState state ? state.status() : answer));
        return answer instanceof SubscriptionState state ? state : null;
    }

    /** The client retries its create (same Idempotency-Key): it attaches to the subscription and charges nothing. */
    private void retryCreate() {
        log.add(ChangeScript.RETRY_CREATE.name());
        try {
            createAndCharge("retried create");
        } catch (RuntimeException ended) {
            // REJECT_DUPLICATE refuses a start of an ended id; the API answers the ended run's state then.
            log.add("  refused: " + ended.getClass().getSimpleName() + " (the subscription has ended)");
        }
    }

    /** Moves the clock; a clock that cannot move (time skipping held) fails the sequence with the server's view. */
    void sleep(Duration by) {
        CompletableFuture<Void> slept = CompletableFuture.runAsync(() -> world.env.sleep(by));
        try {
            slept.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException clockHeld) {
            // The test server holds its clock while a workflow task keeps failing, e.g. a loop that never yields.
            stuck = true;
            String workflowId = WorkflowIds.subscription(subscriptionId);
            String leftOpen = LostHandOver.openRunBehind(world.env.getWorkflowClient(), workflowId);
            if (leftOpen != null) {
                lostHandOver = LostHandOver.describe(workflowId, leftOpen);
            }
            broken.add("the clock could not move " + by + ": " + (leftOpen != null ? lostHandOver
                    : "the workflow is stuck (see the worker's log)"));
            if (Boolean.getBoolean("perennial.money.trace")) {
                System.out.println(world.env.getDiagnostics());
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    boolean ended() {
        return last != null && last.status() == SubscriptionStatus.CANCELED;
    }

    String customerId() {
        return "cust-" + subscriptionId;
    }

    /** Sends a change from the test's thread and waits for its answer, letting the clock run while it waits. */
    private void send(ChangeScript change, String during) {
        WorkflowUpdateHandle<?> handle = changes.dispatch(change, during);
        if (handle != null) {
            boxesAsked.answered(change, await(handle.getResultAsync(), change.name()));
        }
    }

    /** Sends a change while an activity is in flight; it is accepted now and answered later. */
    void race(ChangeScript change, String during) {
        WorkflowUpdateHandle<?> handle = changes.dispatch(change, during);
        if (handle != null) {
            racing.add(new Raced(change, handle));
        }
    }

    void expectRefusal(Object change, WorkflowUpdateException refused) {
        // The SDK wraps a refusal once more; the business failure is somewhere down the chain.
        for (Throwable cause = refused.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApplicationFailure failure && BUSINESS_REFUSALS.contains(failure.getType())) {
                log.add("  refused: " + failure.getOriginalMessage());
                return;
            }
        }
        broken.add(change + " failed with " + refused.getCause());
    }

    /**
     * Waits for an answer; the clock moves (seconds, growing) so activity retries can run out their backoff.
     * Returns the answer, or null for a refusal or none.
     */
    Object await(CompletableFuture<?> answer, String what) {
        Duration step = Duration.ofSeconds(1);
        for (int i = 0; i < 200 && !answer.isDone(); i++) {
            world.env.sleep(step);
            step = step.compareTo(Duration.ofMinutes(5)) < 0 ? step.multipliedBy(2) : step;
        }
        if (!answer.isDone()) {
            // The Java test server does not answer a poll for an update whose run has since closed (continued as
            // new or completed), as the real server does; the moves after it show what the change did.
            log.add("  " + what + ": no answer from the test server (its run closed)");
            return null;
        }
        try {
            return answer.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof WorkflowUpdateException refused) {
                expectRefusal(what, refused);
            } else {
                log.add("  " + what + " not answered: " + e.getCause());
            }
            return null;
        }
    }

    private void observe() {
        SubscriptionState now = query();
        if (now == null) {
            return;
        }
        broken.addAll(MoneyInvariants.state(now, last, stoppedSinceLastLook()));
        broken.addAll(MoneyInvariants.suspension(now, suspends));
        last = now;
    }

    /**
     * The workflow wrote a paused state since the last look: a pause and a resume both fell between two moves (one of
     * them raced), and the resume started a new period, so paid-through may be earlier than last seen.
     */
    private boolean stoppedSinceLastLook() {
        boolean stopped = false;
        for (int i = writtenSeen; i < written.size(); i++) {
            stopped |= written.get(i).status() == SubscriptionStatus.PAUSED;
        }
        writtenSeen = written.size();
        return stopped;
    }

    private int writtenSeen;

    private SubscriptionState query() {
        try {
            return typed.state();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Lets every raced change answer and the workflow go idle, then checks the ledger and the read model. */
    private void settle() {
        // Changes raced from the read model's writes are sent from threads of their own: let them all be sent.
        for (int i = 0; i < 60 && world.records.busy() > 0; i++) {
            world.env.sleep(Duration.ofSeconds(1));
        }
        for (Raced raced : racing) {
            boxesAsked.answered(raced.change(), await(raced.handle().getResultAsync(), "raced " + raced.change()));
        }
        for (CompletableFuture<RefundReceipt> given : opsRefunds) {
            await(given, "raced " + ChangeScript.OPS_REFUND);
        }
        SubscriptionState idle = null;
        for (int i = 0; i < 60; i++) {
            world.env.sleep(Duration.ofSeconds(1));
            SubscriptionState now = query();
            SubscriptionState row = world.records.row(subscriptionId);
            if (now != null && row != null && world.gateway.busy() == 0 && world.records.busy() == 0
                    && now.revision() == row.revision()) {
                idle = now;
                break;
            }
            idle = now;
        }
        if (idle != null) {
            broken.addAll(MoneyInvariants.state(idle, last, stoppedSinceLastLook()));
            broken.addAll(MoneyInvariants.readModel(idle, world.records.row(subscriptionId)));
        }
        broken.addAll(MoneyInvariants.ledger(subscriptionId, world.billing, world.gateway));
        broken.addAll(MoneyInvariants.suspendedLedger(subscriptionId, suspends, idle, world.billing));
        broken.addAll(MoneyInvariants.couponOnChanges(subscriptionId, world.billing, ChangeScript.COUPONS));
        broken.addAll(MoneyInvariants.transfers(subscriptionId, sendsInvoices, world.sentInvoices, world.gateway));
        if (firstAnswer != null) {
            broken.addAll(MoneyInvariants.firstCharge(firstAnswer, subscriptionId, world.billing, world.gateway));
        }
        if (shipsBoxes) {
            broken.addAll(boxesAsked.check(subscriptionId, idle, written, world,
                    Duration.ofMillis(world.env.currentTimeMillis())));
        }
    }

    private void stop() {
        try {
            stub.terminate("property sequence over");
        } catch (RuntimeException alreadyClosed) {
            // A canceled subscription's workflow has completed.
        }
        // Box orders outlive their subscription (they follow the parcel); left open, their timers would slow every
        // later sequence's clock.
        int periods = written.stream().filter(state -> state.currentPeriod() != null)
                .mapToInt(state -> state.currentPeriod().number()).max().orElse(0) + 1;
        for (int period = 1; shipsBoxes && period <= periods; period++) {
            try {
                world.env.getWorkflowClient().newUntypedWorkflowStub(WorkflowIds.order(
                        io.perennial.order.PrepaidBox.orderIdFor(subscriptionId, period))).terminate("sequence over");
            } catch (RuntimeException noSuchBox) {
                // Skipped, unpaid, or delivered already.
            }
        }
    }

    /** The workflow wrote a suspended state. */
    boolean wasSuspended() {
        return written.stream().anyMatch(state -> state.status() == SubscriptionStatus.SUSPENDED);
    }

    /** The workflow wrote an active state after a suspended one: its invoice was paid. */
    boolean wasReactivated() {
        boolean suspended = false;
        for (SubscriptionState state : written) {
            if (state.status() == SubscriptionStatus.SUSPENDED) {
                suspended = true;
            } else if (suspended && state.status() == SubscriptionStatus.ACTIVE) {
                return true;
            }
        }
        return false;
    }

    String report(List<String> violations) {
        return "seed " + seed + " (" + subscriptionId + "):\n  broken: " + String.join("\n  broken: ", violations)
                + "\n  moves:\n    " + String.join("\n    ", log) + "\n  last state: " + last;
    }
}
