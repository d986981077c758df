package io.perennial.temporal.codec;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import io.perennial.billing.BillingFailures;
import io.perennial.subscription.SubscriptionFailures;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;

/** The one data converter of the API and the worker: Temporal's JSON converter, then AES-GCM encryption. */
@Factory
public class PayloadCodecFactory {

    /** Refusal types whose messages name only ids, plans and states (see the validators that throw them). */
    static final Set<String> READABLE_REFUSALS = Set.of(SubscriptionFailures.CHANGE_REJECTED,
            BillingFailures.COUPON_REJECTED);

    @Singleton
    AesGcmPayloadCodec payloadCodec(PayloadCodecConfiguration configuration) {
        try {
            return new AesGcmPayloadCodec(configuration.keyring());
        } catch (IllegalArgumentException e) {
            // Refuse to start: a worker without the key would write plain text or fail every task.
            throw new ConfigurationException(e.getMessage());
        }
    }

    /** Webhook signing secrets and the like, sealed with the same key as the payloads. */
    @Singleton
    SealedSecrets sealedSecrets(AesGcmPayloadCodec codec, PayloadCodecConfiguration configuration) {
        return new SealedSecrets(configuration.keyring());
    }

    @Singleton
    DataConverter dataConverter(AesGcmPayloadCodec codec) {
        return encrypting(codec);
    }

    /**
     * Failure messages and stack traces are encoded too ({@code encodeFailureAttributes}): a decline reason or
     * an exception can quote an address. The subscription's refusals of a change are the exception (see
     * {@link RefusalReadableDataConverter}): written from ids and states, they reach the client in their words.
     */
    public static DataConverter encrypting(AesGcmPayloadCodec codec) {
        return new RefusalReadableDataConverter(
                new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(codec), true),
                new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(codec), false),
                READABLE_REFUSALS);
    }
}
