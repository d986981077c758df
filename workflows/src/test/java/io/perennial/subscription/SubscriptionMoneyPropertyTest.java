package io.perennial.subscription;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The safety net of the engine: random sequences of what can happen to a subscription (the clock, renewals that
 * approve, decline (soft or hard), time out or lose their answer, pause and resume, cancel and uncancel, plan changes
 * up, down and across intervals, coupons, card changes, charges the customer must authenticate (approved, failed or
 * never answered), ops retries, refunds on cancel and ops refunds of a period (their own
 * workflow, racing the subscription's), continue-as-new every one to three periods; a quarter of the subscriptions
 * send their invoices ({@code SEND_INVOICE}) and get bank transfers, at random moments, recorded twice now and then,
 * or landing just before the workflow reads or writes off the invoice; a fifth ship a box each period, and skip or
 * delay the next one (now and then while a charge is in flight); a third of those without a trial are created and
 * charged in one call ({@code CHARGE_NOW}, update-with-start) and the create is sent again at random moments),
 * with changes also sent <em>while</em> a charge or a read-model write is in flight. After every move and every
 * sequence the money rules of {@link MoneyInvariants} and {@link MoneyBoxes} must hold.
 *
 * <p>Each sequence is drawn from a seed; a failure prints the seed and the moves, and
 * {@code -Dperennial.money.seed=N} runs that one sequence again. {@code -Dperennial.money.sequences=N} sets how many
 * run (default {@value #DEFAULT_SEQUENCES} in {@code ./mvnw verify}); docs/billing.md says how to run more.
 */
class SubscriptionMoneyPropertyTest {

    static final int DEFAULT_SEQUENCES = 200;

    /** Sequences per test environment: a fresh server and clock now and then keeps one bad run from the others. */
    private static final int SEQUENCES_PER_ENVIRONMENT = 40;

    private MoneyWorld world;

    private void startEnvironment() {
        world = new MoneyWorld();
    }

    @AfterEach
    void stopEnvironment() {
        if (world != null) {
            world.close();
            world = null;
        }
    }

    @Test
    void moneyRulesHoldUnderRandomSequencesAndInterleavings() {
        String only = System.getProperty("perennial.money.seed");
        List<Long> seeds = new ArrayList<>();
        if (only != null && !only.isBlank()) {
            seeds.add(Long.parseLong(only.trim()));
        } else {
            int count = Integer.getInteger("perennial.money.sequences", DEFAULT_SEQUENCES);
            long base = Long.getLong("perennial.money.base-seed", 20_270_131L);
            for (int i = 0; i < count; i++) {
                seeds.add(base + i);
            }
        }
        List<String> failures = new ArrayList<>();
        List<Long> inconclusive = new ArrayList<>();
        int suspended = 0;
        int reactivated = 0;
        for (int i = 0; i < seeds.size(); i++) {
            if (i % SEQUENCES_PER_ENVIRONMENT == 0) {
                stopEnvironment();
                startEnvironment();
            }
            MoneySequence sequence = new MoneySequence(seeds.get(i), world);
            List<String> broken = sequence.run();
            for (int rerun = 0; rerun < 2 && sequence.stuck && sequence.lostHandOver == null; rerun++) {
                // The Java test server now and then holds its clock after a long run of workflows or on a loaded
                // machine; a workflow that really loops stalls every time on a fresh server, so only that counts.
                stopEnvironment();
                startEnvironment();
                System.out.println("Seed " + seeds.get(i) + " stalled the test server's clock; running it again");
                sequence = new MoneySequence(seeds.get(i), world);
                broken = sequence.run();
            }
            suspended += sequence.wasSuspended() ? 1 : 0;
            reactivated += sequence.wasReactivated() ? 1 : 0;
            if (sequence.lostHandOver != null && broken.size() == 1) {
                // Not the workflow's doing, and the same interleaving loses it again on a fresh server: counted, and
                // the run fails if it is more than a rare event.
                System.out.println("Seed " + seeds.get(i) + " inconclusive: " + sequence.lostHandOver);
                inconclusive.add(seeds.get(i));
                stopEnvironment();
                if (i + 1 < seeds.size()) {
                    startEnvironment();
                }
                continue;
            }
            if (!broken.isEmpty()) {
                stopEnvironment();
                if (i + 1 < seeds.size()) {
                    startEnvironment();
                }
                failures.add(sequence.report(broken));
                if (failures.size() >= 3) {
                    break;
                }
            }
        }
        assertThat(failures).as("money rules broken (run one again with -Dperennial.money.seed=N)").isEmpty();
        System.out.println(seeds.size() + " sequences: " + suspended + " suspended when dunning was used up, "
                + reactivated + " of them active again once paid");
        if (seeds.size() >= 100) {
            // The generator must reach what it is meant to test.
            assertThat(suspended).as("sequences that were suspended").isPositive();
            assertThat(reactivated).as("suspended sequences made active again").isPositive();
        }
        // 2 or 3 in 200 since the read model is written inside the workflow task (docs/billing.md): at most 1 in 40.
        assertThat(inconclusive).as("sequences the test server's lost continue-as-new cut short: at most 1 in 40")
                .hasSizeLessThanOrEqualTo(Math.max(1, seeds.size() / 40));
    }
}
