package io.perennial.temporal.codec;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import jakarta.inject.Singleton;

import java.util.List;

/** The one data converter of the API and the worker: Temporal's JSON converter, then AES-GCM encryption. */
@Factory
public class PayloadCodecFactory {

    @Singleton
    AesGcmPayloadCodec payloadCodec(PayloadCodecConfiguration configuration) {
        try {
            return new AesGcmPayloadCodec(configuration.keyring());
        } catch (IllegalArgumentException e) {
            // Refuse to start: a worker without the key would write plain text or fail every task.
            throw new ConfigurationException(e.getMessage());
        }
    }

    @Singleton
    DataConverter dataConverter(AesGcmPayloadCodec codec) {
        return encrypting(codec);
    }

    /**
     * Failure messages and stack traces are encoded too ({@code encodeFailureAttributes}): a decline reason or
     * an exception can quote an address.
     */
    public static DataConverter encrypting(AesGcmPayloadCodec codec) {
        return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(codec), true);
    }
}
