package io.perennial.api.points;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.billing.CreditEntry;
import io.perennial.points.PointsEntry;
import io.perennial.points.PointsRedemption;

import java.time.Instant;
import java.util.List;

/** What the points and credit routes answer. */
final class PointsViews {

    private PointsViews() {
    }

    /** How points turn into credit: {@code points} buy {@code creditMinor} of {@code currency} (the default). */
    @Serdeable
    record RedemptionTerms(int points, long creditMinor, String currency) {
    }

    @Serdeable
    record PointsEntryView(String kind, long points, String reason, Instant businessTime,
                           @Nullable Instant expiresAt) {
        static PointsEntryView of(PointsEntry entry) {
            return new PointsEntryView(entry.kind().name(), entry.points(), entry.reason(), entry.businessTime(),
                    entry.expiresAt());
        }
    }

    /** The balance and one page of the history, newest first. */
    @Serdeable
    record PointsView(long balance, List<PointsEntryView> items, long total, int limit, long offset,
                      RedemptionTerms redemption) {
    }

    @Serdeable
    record RedemptionView(String redemptionKey, long points, long creditMinor, String currency, long balanceAfter) {
        static RedemptionView of(PointsRedemption redemption) {
            return new RedemptionView(redemption.redemptionKey(), redemption.points(), redemption.creditMinor(),
                    redemption.currency(), redemption.balanceAfter());
        }
    }

    @Serdeable
    record CreditBalance(String currency, long balanceMinor) {
    }

    @Serdeable
    record CreditEntryView(String kind, long amountMinor, String currency, String reason, @Nullable String invoiceId,
                           Instant businessTime) {
        static CreditEntryView of(CreditEntry entry) {
            return new CreditEntryView(entry.kind().name(), entry.amountMinor(), entry.currency(), entry.reason(),
                    entry.invoiceId() == null ? null : entry.invoiceId().toString(), entry.businessTime());
        }
    }

    /** The balance in every currency the customer has had credit in, and the latest entries, newest first. */
    @Serdeable
    record CreditView(List<CreditBalance> balances, List<CreditEntryView> items) {
    }
}
