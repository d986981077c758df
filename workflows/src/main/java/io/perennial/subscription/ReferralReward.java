package io.perennial.subscription;

/**
 * Account credit the referrer earns when this subscription's first invoice with money on it is paid; taken back
 * (what is left of it) if that invoice is refunded.
 */
public record ReferralReward(String referrerCustomerId, long amountMinor) {
    public ReferralReward {
        if (referrerCustomerId == null || referrerCustomerId.isBlank()) {
            throw new IllegalArgumentException("the referrer is required");
        }
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a referral reward is positive, was " + amountMinor);
        }
    }
}
