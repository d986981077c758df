package io.perennial.payment;

import java.util.Set;

/**
 * What a decline code says about trying again, after Stripe's decline-code table: a <em>hard</em> decline (the card
 * is stolen, lost, closed or refused for good) cannot succeed on a later retry, so dunning should not spend its
 * attempts on it but ask the customer for another card; a <em>soft</em> one (insufficient funds, a generic or
 * temporary refusal) may succeed later; {@link #AUTHENTICATION_REQUIRED} needs the customer, not a retry.
 *
 * <p>Pure and deterministic, so workflow code may call it. Nothing uses it yet: dunning still retries every decline
 * (a later change behind {@code Workflow.getVersion}).
 */
public final class DeclineCodes {

    /** The issuer asks the cardholder to authenticate (3-D Secure); an off-session retry cannot pass it. */
    public static final String AUTHENTICATION_REQUIRED = "authentication_required";
    /** The customer was asked to authenticate and refused, or the issuer failed the authentication. */
    public static final String AUTHENTICATION_FAILED = "authentication_failed";
    /** The customer was asked to authenticate and did not answer before the deadline. */
    public static final String AUTHENTICATION_EXPIRED = "authentication_expired";

    /** The customer failed a redirect payment (Alipay, WeChat Pay) on the provider's page. */
    public static final String REDIRECT_FAILED = "redirect_failed";
    /** The customer answered a redirect payment's session after it expired. */
    public static final String REDIRECT_EXPIRED = "redirect_expired";

    private static final Set<String> HARD = Set.of(
            "stolen_card", "lost_card", "pickup_card", "fraudulent", "do_not_honor", "restricted_card",
            "merchant_blacklist", "invalid_account", "card_not_supported", "currency_not_supported",
            "expired_card", "incorrect_number", "invalid_number", "invalid_expiry_month", "invalid_expiry_year",
            "revocation_of_all_authorizations", "revocation_of_authorization", "stop_payment_order",
            "security_violation", "transaction_not_allowed", "not_permitted", "new_account_information_available",
            "invalid_payment_method");

    private DeclineCodes() {
    }

    /** True when retrying the same payment method cannot succeed; unknown codes are soft (retrying is the safe default). */
    public static boolean isHard(String declineCode) {
        return declineCode != null && HARD.contains(declineCode);
    }

    /** True when a later off-session retry of the same payment method may succeed. */
    public static boolean retryMaySucceed(String declineCode) {
        return !isHard(declineCode) && !AUTHENTICATION_REQUIRED.equals(declineCode);
    }
}
