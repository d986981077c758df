package io.perennial.api.points;

import io.perennial.billing.CreditEntry;
import io.perennial.billing.CreditEntryRepository;
import io.perennial.points.MemberPoints;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** A customer's member points and account credit as balances, for the JSON API and the portal alike. */
@Singleton
public class MemberBalances {

    private final MemberPoints points;
    private final CreditEntryRepository credit;

    public MemberBalances(MemberPoints points, CreditEntryRepository credit) {
        this.points = points;
        this.credit = credit;
    }

    public long points(UUID customerId) {
        return points.balance(customerId);
    }

    /** Account credit by currency (minor units), what the next invoices in that currency spend first. */
    public Map<String, Long> credit(UUID customerId) {
        return sum(credit.findByCustomerNewestFirst(customerId));
    }

    static Map<String, Long> sum(List<CreditEntry> entries) {
        Map<String, Long> balances = new TreeMap<>();
        for (CreditEntry entry : entries) {
            balances.merge(entry.currency(), entry.amountMinor(), Long::sum);
        }
        return balances;
    }
}
