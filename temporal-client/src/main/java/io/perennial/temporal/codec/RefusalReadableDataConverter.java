package io.perennial.temporal.codec;

import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DataConverterException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.payload.context.SerializationContext;

import java.lang.reflect.Type;
import java.util.Optional;
import java.util.Set;

/**
 * The encrypting data converter, except that a workflow's refusal of a change keeps its message readable.
 *
 * <p>Every failure's message and stack trace are encrypted ({@code encodeFailureAttributes}), because a decline or
 * an exception can quote personal data. But Temporal's Java SDK (1.38) wraps an Update validator's failure once more
 * on its way out, copying the already-encoded message ("Encoded failure") into the wrapper and dropping the original,
 * so a client only ever saw "Encoded failure" instead of, say, "The subscription is already on plan_x.". The
 * refusals listed here are written by our validators from ids and states only, never personal data, so their own
 * message stays plain; the wrapper around them is still encrypted as usual and decodes to that message. Payloads
 * (details) are encrypted either way.
 */
public final class RefusalReadableDataConverter implements DataConverter {

    private final DataConverter encrypting;
    private final DataConverter plainMessages;
    private final Set<String> readableTypes;

    public RefusalReadableDataConverter(DataConverter encrypting, DataConverter plainMessages,
                                        Set<String> readableTypes) {
        this.encrypting = encrypting;
        this.plainMessages = plainMessages;
        this.readableTypes = Set.copyOf(readableTypes);
    }

    @Override
    public Failure exceptionToFailure(Throwable throwable) {
        if (throwable instanceof ApplicationFailure failure && failure.getCause() == null
                && readableTypes.contains(failure.getType())) {
            return plainMessages.exceptionToFailure(throwable);
        }
        return encrypting.exceptionToFailure(throwable);
    }

    @Override
    public RuntimeException failureToException(Failure failure) {
        return encrypting.failureToException(failure);
    }

    @Override
    public <T> Optional<Payload> toPayload(T value) throws DataConverterException {
        return encrypting.toPayload(value);
    }

    @Override
    public <T> T fromPayload(Payload payload, Class<T> valueClass, Type valueType) throws DataConverterException {
        return encrypting.fromPayload(payload, valueClass, valueType);
    }

    @Override
    public Optional<Payloads> toPayloads(Object... values) throws DataConverterException {
        return encrypting.toPayloads(values);
    }

    @Override
    public <T> T fromPayloads(int index, Optional<Payloads> content, Class<T> valueType, Type valueGenericType)
            throws DataConverterException {
        return encrypting.fromPayloads(index, content, valueType, valueGenericType);
    }

    @Override
    public Object[] fromPayloads(Optional<Payloads> content, Class<?>[] types, Type[] genericTypes)
            throws DataConverterException {
        return encrypting.fromPayloads(content, types, genericTypes);
    }

    @Override
    public DataConverter withContext(SerializationContext context) {
        return new RefusalReadableDataConverter(encrypting.withContext(context), plainMessages.withContext(context),
                readableTypes);
    }
}
