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

/**
 * Reads every JSON string of a request body, refusing the NUL character ({@code \u0000}): PostgreSQL cannot store
 * it in text, so a name or a reason carrying one would fail only deep inside, as a 500 (Schemathesis found it on
 * registration) or as an activity that retries for ever. Refused here, it is a 400 naming the field before anything
 * is written or started.
 */
@Singleton
@Requires(classes = Deserializer.class)
public class TextDeserializer implements Deserializer<String> {

    /** The reason given to the client; {@code ProblemBodyProvider} recognises it. */
    public static final String NUL_REFUSED = "text may not contain the NUL character (\\u0000)";

    @Override
    public @Nullable String deserialize(@NonNull Decoder decoder, @NonNull DecoderContext context,
                                        @NonNull Argument<? super String> type) throws IOException {
        String value = decoder.decodeString();
        if (value != null && value.indexOf('\0') >= 0) {
            throw new SerdeException(NUL_REFUSED);
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
}
