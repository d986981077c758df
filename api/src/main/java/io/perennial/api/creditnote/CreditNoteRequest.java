package io.perennial.api.creditnote;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.billing.CreditNoteOutcome;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A credit note: the {@code reason}, what to do with the money ({@code outcome}), and which invoice lines to
 * credit by how much; without {@code lines} it credits all the invoice has left.
 */
@Serdeable
public record CreditNoteRequest(@NotBlank @Size(max = 500) String reason, @NotNull CreditNoteOutcome outcome,
                                @Nullable @Size(min = 1, max = 50) List<@Valid @NotNull Line> lines) {

    /** {@code amountMinor} of invoice line {@code lineNo} (as the invoice numbers its lines, from 1). */
    @Serdeable
    public record Line(@NotNull @Min(1) @Max(1000) Integer lineNo,
                       @NotNull @Min(1) @Max(100_000_000_000L) Long amountMinor) {
    }
}
