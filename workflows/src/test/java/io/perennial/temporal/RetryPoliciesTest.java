package io.perennial.temporal;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPoliciesTest {

    @Test
    void theGatewayRetryWindowOfThirtyMinutesIsFourteenAttempts() {
        // Backoffs 1, 2, 4 ... 256 s (511 s), then four of 5 minutes (1,711 s); a fifth would pass 1,800 s.
        assertThat(RetryPolicies.attemptsWithin(RetryPolicies.GATEWAY, Duration.ofMinutes(30)).getMaximumAttempts())
                .isEqualTo(14);
    }

    @Test
    void aWindowShorterThanTheFirstBackoffIsOneAttempt() {
        assertThat(RetryPolicies.attemptsWithin(RetryPolicies.GATEWAY, Duration.ZERO).getMaximumAttempts())
                .isEqualTo(1);
    }

    @Test
    void theBoundedPolicyKeepsWhatIsNeverRetried() {
        assertThat(RetryPolicies.attemptsWithin(RetryPolicies.GATEWAY, Duration.ofMinutes(30)).getDoNotRetry())
                .containsExactly(RetryPolicies.GATEWAY.getDoNotRetry());
    }
}
