package io.perennial.api.problem;

/**
 * The RFC 9457 problem types the API answers with. Each kind has a stable {@code type} URI that clients may
 * switch on; docs/api.md lists them.
 */
public final class ApiProblems {
    public static final String BASE = "https://perennial.dev/problems/";

    private ApiProblems() {
    }

    public static ProblemException notFound(String what, Object id) {
        return problem("not-found", "Not found", 404, what + " " + id + " does not exist.");
    }

    public static ProblemException notFoundBecause(String detail) {
        return problem("not-found", "Not found", 404, detail);
    }

    public static ProblemException emailTaken() {
        return problem("email-taken", "Email already registered", 409,
                "An account with this email already exists. Log in instead.");
    }

    public static ProblemException invalidCredentials() {
        return problem("invalid-credentials", "Invalid credentials", 401, "The email or password is wrong.");
    }

    public static ProblemException invalidRefreshToken() {
        return problem("invalid-refresh-token", "Invalid refresh token", 401,
                "The refresh token is unknown, expired or revoked. Log in again.");
    }

    public static ProblemException refreshTokenReused() {
        return problem("refresh-token-reused", "Refresh token reused", 401,
                "This refresh token was already exchanged, so it may have been copied: every token of this sign-in "
                        + "is revoked. Log in again.");
    }

    public static ProblemException invalidRole(String detail) {
        return new ProblemException(new Problem(BASE + "invalid-role", "Role not allowed here", 422, detail, null,
                java.util.List.of(new Problem.FieldError("/role", detail))));
    }

    public static ProblemException unknownPlan(String planId) {
        return new ProblemException(new Problem(BASE + "unknown-plan", "Unknown plan", 422,
                "Plan " + planId + " does not exist or is no longer sold.", null,
                java.util.List.of(new Problem.FieldError("/planId", "no plan with this id is for sale"))));
    }

    public static ProblemException notACustomer() {
        return problem("not-a-customer", "Not a customer account", 403, "Only customer accounts hold subscriptions.");
    }

    /** A user of a customer account whose role there may not do this (a billing user changing a plan). */
    public static ProblemException accountRoleForbidden(io.perennial.customer.AccountRole role) {
        return problem("account-role-forbidden", "Your role in this account may not do this", 403,
                "You are a " + role + " user of this customer account: you may see its subscriptions, orders, "
                        + "invoices and payments and change its payment methods; only an OWNER may do this.");
    }

    public static ProblemException lastOwner() {
        return problem("last-owner", "An account keeps an owner", 409,
                "This is the account's last OWNER: make another user an owner first.");
    }

    public static ProblemException notACompanyAccount() {
        return problem("not-a-company-account", "Not a company account", 409,
                "Only a company customer has several users: make the billing profile a company's first.");
    }

    public static ProblemException otherAccountUsers() {
        return problem("account-has-other-users", "The account has other users", 409,
                "Remove the account's other users first (DELETE /v1/customers/me/users/{id}); then delete it.");
    }

    public static ProblemException emailInAnotherAccount() {
        return problem("email-taken", "Email already registered", 409,
                "This email already signs in to an account; a person signs in to one customer account.");
    }

    public static ProblemException subscriptionEnded(String id) {
        return problem("subscription-ended", "Subscription has ended", 409,
                "Subscription " + id + " is canceled; it can no longer change.");
    }

    public static ProblemException notPastDue(String id, String status) {
        return problem("nothing-to-retry", "Nothing to retry", 409,
                "Subscription " + id + " is " + status + "; only a past-due subscription has a payment to retry.");
    }

    public static ProblemException couponNotUsable(String code, String why) {
        return new ProblemException(new Problem(BASE + "coupon-rejected", "Coupon rejected", 422,
                "Coupon " + code + " " + why + ".", null,
                java.util.List.of(new Problem.FieldError("/couponCode", why))));
    }

    /** The coupon was usable when checked but ran out before this subscription could redeem it. */
    public static ProblemException couponUnavailable(String code, String why) {
        return new ProblemException(new Problem(BASE + "coupon-unavailable", "Coupon no longer available", 409,
                why + " Nothing was started or charged: subscribe again without coupon " + code
                        + " or with another one.", null,
                java.util.List.of(new Problem.FieldError("/couponCode", "no longer available"))));
    }

    public static ProblemException unknownReferralCode() {
        return new ProblemException(new Problem(BASE + "unknown-referral-code", "Unknown referral code", 422,
                "No customer has this referral code, or it is your own.", null,
                java.util.List.of(new Problem.FieldError("/referralCode", "not a referral code of another customer"))));
    }

    public static ProblemException couponExists(String code) {
        return problem("coupon-exists", "Coupon exists", 409, "A coupon with code " + code + " already exists.");
    }

    public static ProblemException currencyNotOffered(String planId, String currency, java.util.List<String> offered) {
        String choices = String.join(", ", offered);
        return new ProblemException(new Problem(BASE + "currency-not-offered", "Currency not offered", 422,
                currency == null ? "Plan " + planId + " is sold in " + choices + "; choose one with currency."
                        : "Plan " + planId + " is not sold in " + currency + "; it is sold in " + choices + ".",
                null, java.util.List.of(new Problem.FieldError("/currency", "one of " + choices))));
    }

    /** A catalog change that cannot be made: 422 with the field at fault, 404 or 409. */
    public static ProblemException catalog(io.perennial.catalog.CatalogException e) {
        return switch (e.kind()) {
            case INVALID -> new ProblemException(new Problem(BASE + "invalid-catalog-change", "Invalid catalog change",
                    422, e.getMessage(), null, e.pointer() == null ? null
                            : java.util.List.of(new Problem.FieldError(e.pointer(), e.getMessage()))));
            case NOT_FOUND -> problem("not-found", "Not found", 404, e.getMessage());
            case CONFLICT -> problem("already-exists", "Already exists", 409, e.getMessage());
        };
    }

    /** One field's value is invalid in a way bean validation cannot see (400, like every validation problem). */
    public static ProblemException invalidField(String pointer, String detail) {
        return new ProblemException(new Problem(BASE + "validation", "Invalid request", 400, detail, null,
                pointer == null ? null : java.util.List.of(new Problem.FieldError(pointer, detail))));
    }

    /** A field names something that does not exist (a product, a supplier): 422 with the field. */
    public static ProblemException invalidReference(String pointer, String detail) {
        return new ProblemException(new Problem(BASE + "invalid-reference", "Unknown reference", 422, detail, null,
                java.util.List.of(new Problem.FieldError(pointer, detail))));
    }

    /** An add-on admins retired: subscriptions that carry it keep it, but nothing adds it any more (422). */
    public static ProblemException addOnRetired(String pointer, String code) {
        String detail = "Add-on " + code + " is retired: it is no longer added to subscriptions.";
        return new ProblemException(new Problem(BASE + "add-on-retired", "Add-on retired", 422, detail, null,
                java.util.List.of(new Problem.FieldError(pointer, detail))));
    }

    public static ProblemException alreadyExists(String detail) {
        return problem("already-exists", "Already exists", 409, detail);
    }

    /** Counting stock out would leave less on the shelf than orders have reserved. */
    public static ProblemException stockBelowReserved(String detail) {
        return problem("stock-below-reserved", "Stock is reserved", 409, detail);
    }

    /** A request to the Temporal UI's codec endpoint that is not a Payloads message for this namespace. */
    public static ProblemException codecRequest(String detail) {
        return problem("codec-request", "Not a codec request", 400, detail);
    }

    /** Seconds a client is asked to wait before retrying a request a dependency outage refused. */
    public static final long OUTAGE_RETRY_AFTER_SECONDS = 5;

    /**
     * PostgreSQL or Temporal did not answer in time: 503 with Retry-After. The request may or may not have taken
     * effect, as with any timeout; a retry with the same Idempotency-Key is safe where the route takes one.
     */
    public static ProblemException serviceUnavailable(String dependency) {
        return new ProblemException(new Problem(BASE + "service-unavailable", "Service unavailable", 503,
                "Perennial could not reach " + dependency + " in time. Retry in a few seconds (with the same "
                        + "Idempotency-Key where the route takes one).", null, null), OUTAGE_RETRY_AFTER_SECONDS);
    }

    /** @param resource "Subscription" or "Order" */
    public static ProblemException noCustomerAction(String resource, String id) {
        return problem("no-customer-action", "Nothing to authenticate", 409,
                resource + " " + id + " has no payment waiting for the customer (answered already, past its "
                        + "deadline, or never asked).");
    }

    public static ProblemException authenticateAtProvider() {
        return problem("authenticate-at-provider", "Authenticated at the payment provider", 409,
                "With this payment provider the customer authenticates on the provider's page; its answer arrives "
                        + "by webhook.");
    }

    /** The VAT registry (VIES) says the id is not registered: 422 with the field. */
    public static ProblemException taxIdNotRegistered(String detail) {
        return new ProblemException(new Problem(BASE + "tax-id-not-registered", "VAT id not registered", 422,
                detail, null, java.util.List.of(new Problem.FieldError("/taxId", detail))));
    }

    /** A credit note for more than the invoice (or its line) has left to credit. */
    public static ProblemException notCreditable(String detail) {
        return problem("credit-exceeds-invoice", "More than is left to credit", 409, detail);
    }

    /** A credit note whose outcome does not fit the invoice's state (a refund of an unpaid invoice, ...). */
    public static ProblemException creditOutcomeNotPossible(String detail) {
        return problem("credit-outcome-not-possible", "Credit note outcome not possible", 409, detail);
    }

    /** A box delay outside what the next box allows: after its usual start, at most one period later. */
    public static ProblemException delayOutOfRange(String pointer, String detail) {
        return new ProblemException(new Problem(BASE + "delay-out-of-range", "Delay out of range", 422, detail, null,
                java.util.List.of(new Problem.FieldError(pointer, detail))));
    }

    /** {@code CHARGE_NOW} on a plan with a trial: there is no charge to make now. */
    public static ProblemException chargeNowWithTrial(String planId) {
        return new ProblemException(new Problem(BASE + "charge-now-with-trial", "Nothing to charge now", 422,
                "Plan " + planId + " begins with a trial, so there is no first charge to make now; leave out "
                        + "paymentBehavior.", null,
                java.util.List.of(new Problem.FieldError("/paymentBehavior", "not for a plan with a trial"))));
    }

    public static ProblemException invalidResetLink() {
        return problem("invalid-reset-link", "Invalid reset link", 400,
                "This password reset link is unknown, used or expired. Ask for a new one.");
    }

    private static ProblemException problem(String kind, String title, int status, String detail) {
        return new ProblemException(new Problem(BASE + kind, title, status, detail, null, null));
    }
}
