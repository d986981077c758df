package io.perennial.api.json;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.List;

/**
 * Reads every JSON string of a request body, refusing text PostgreSQL cannot hold and text longer than any field
 * of the contract. A NUL character ({@code \u0000}) or an unpaired UTF-16 surrogate ({@code \ud800} alone) cannot be
 * stored as text or JSON, so a name or an address carrying one failed only deep inside: as a 500 (Schemathesis found
 * the NUL on registration), or as an order workflow whose record step retried for ever. Refused here, it is a 400
 * naming the field before anything is written or started. The length ceiling backs up the fields' own
 * {@code @Size}: no string of any body is longer than {@link #MAX_LENGTH}.
 */
@Singleton
@Requires(classes = Deserializer.class)
public class TextDeserializer implements Deserializer<String> {

    /** No field of the contract is longer (the longest, a plan description, is 2000). */
    public static final int MAX_LENGTH = 4000;

    /** The reasons given to the client; {@code ProblemBodyProvider} recognises them. */
    public static final String NUL_REFUSED = "text may not contain the NUL character (\\u0000)";
    public static final String SURROGATE_REFUSED =
            "text may not contain an unpaired UTF-16 surrogate (\\ud800-\\udfff without its pair)";
    public static final String TOO_LONG_REFUSED = "text may be at most " + MAX_LENGTH + " characters long";
    public static final List<String> REFUSALS = List.of(NUL_REFUSED, SURROGATE_REFUSED, TOO_LONG_REFUSED);

    @Override
    public @Nullable String deserialize(@NonNull Decoder decoder, @NonNull DecoderContext context,
                                        @NonNull Argument<? super String> type) throws IOException {
        String value = decoder.decodeString();
        String refusal = refusalOf(value);
        if (refusal != null) {
            throw new SerdeException(refusal);
        }
        return value;
    }

    @Override
    public @Nullable String deserializeNullable(@NonNull Decoder decoder, @NonNull DecoderContext context,
                                                @NonNull Argument<? super String> type) throws IOException {
        if (decoder.decodeNull()) {
            return null;
        }
        return deserialize(decoder, context, type);
    }

    /** Why the text cannot be taken, or null when it can. */
    public static @Nullable String refusalOf(@Nullable String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_LENGTH) {
            return TOO_LONG_REFUSED;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return NUL_REFUSED;
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return SURROGATE_REFUSED;
            }
        }
        return null;
    }
}
