package io.perennial.payment;

import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayUnavailableExceptionTest {

    @Test
    void anOutageIsARetryableBenignFailureTypedByItsReason() {
        ApplicationFailure failure = new GatewayUnavailableException("gateway_timeout", "no answer in 10s")
                .toRetryableFailure();

        assertThat(failure.getType()).isEqualTo("gateway_timeout");
        assertThat(failure.getOriginalMessage()).isEqualTo("no answer in 10s");
        assertThat(failure.isNonRetryable()).isFalse();
        assertThat(failure.getCategory()).isEqualTo(ApplicationErrorCategory.BENIGN);
    }
}
