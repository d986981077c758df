package io.perennial.datalake;

import io.micronaut.transaction.TransactionOperations;
import io.perennial.billing.BillingActivitiesImpl;
import io.perennial.billing.InvoiceDraft;
import io.perennial.billing.InvoiceLine;
import io.perennial.billing.InvoiceLineKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The data-lake tests' invoices: issued in PostgreSQL, and a day's count and sum as PostgreSQL has them. */
final class LakeInvoices {

    private LakeInvoices() {
    }

    /** Issues a one-line invoice of a new subscription at {@code at}. */
    static void issue(BillingActivitiesImpl billing, Instant at, long amountMinor) {
        String subscriptionId = UUID.randomUUID().toString();
        billing.issueInvoice(new InvoiceDraft(subscriptionId + ":1:renewal", subscriptionId,
                UUID.randomUUID().toString(), 1, "EUR", at, at.plus(Duration.ofDays(30)),
                List.of(new InvoiceLine(InvoiceLineKind.PLAN, "Plan", amountMinor)), true, at));
    }

    /** {count, sum of total_minor} of the invoices issued on the UTC day. */
    static long[] ofDay(TransactionOperations<Connection> postgres, LocalDate day) {
        return postgres.executeRead(status -> {
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            try (PreparedStatement query = status.getConnection().prepareStatement("""
                    SELECT count(*), COALESCE(sum(total_minor), 0) FROM invoices
                    WHERE issued_at >= ? AND issued_at < ?""")) {
                query.setTimestamp(1, Timestamp.from(start));
                query.setTimestamp(2, Timestamp.from(start.plus(Duration.ofDays(1))));
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return new long[]{rows.getLong(1), rows.getLong(2)};
                }
            }
        });
    }
}
