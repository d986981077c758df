package io.perennial.api.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.payment.Payment;
import io.perennial.payment.PaymentStatus;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** One charge attempt: its business key, amount and outcome. No card data is ever stored or shown. */
@Serdeable
public record PaymentView(String id, @Nullable String invoiceId, int period, String purpose, long amountMinor,
                          String currency,
                          @Schema(implementation = PaymentStatus.class) String status, @Nullable String declineCode,
                          Instant chargedAt) {

    static PaymentView of(Payment payment) {
        return new PaymentView(payment.id().toString(),
                payment.invoiceId() == null ? null : payment.invoiceId().toString(), payment.period(),
                payment.purpose(), payment.amountMinor(), payment.currency(), payment.status().name(),
                payment.declineCode(), payment.businessTime());
    }
}
