package io.perennial.billing;

import java.time.Instant;

/**
 * An invoice as the customer receives it: how to pay it by its due date.
 *
 * @param bankReference the reference a bank transfer must carry to be matched to this invoice ({@code PRN-XXXX-XXXX})
 * @param payPath       null: kept so the activity results in recorded histories still read
 * @param bankAccount   the account to transfer to (beneficiary, IBAN, BIC), as the email shows it
 */
public record SentInvoice(String invoiceId, String number, long totalMinor, String currency, Instant dueAt,
                          String bankReference, String payPath, String bankAccount) {

    /** The account sent invoices name unless {@code perennial.billing.bank-account} says another: the demo's. */
    public static final String DEMO_BANK_ACCOUNT = "Perennial Demo Ltd, IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX";
}
