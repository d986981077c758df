package io.perennial.api.json;

import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Numbers and booleans of a request body are read strictly: {@code true} is no quantity and {@code "AAA"} is no
 * boolean (the deserializer's defaults took them as 1 and false). A value of another JSON type is a 400 naming
 * the field, like any other value that does not match the contract.
 */
@Factory
public class StrictScalars {

    public static final String NOT_A_WHOLE_NUMBER = "expected a whole number";
    public static final String OUT_OF_RANGE = "the number is out of range";
    public static final String NOT_A_BOOLEAN = "expected true or false";
    public static final List<String> REFUSALS = List.of(NOT_A_WHOLE_NUMBER, OUT_OF_RANGE, NOT_A_BOOLEAN);

    @Singleton
    Deserializer<Integer> integers() {
        return (Strict<Integer>) decoder -> Math.toIntExact(wholeNumber(decoder, Integer.MIN_VALUE,
                Integer.MAX_VALUE));
    }

    @Singleton
    Deserializer<Long> longs() {
        return (Strict<Long>) decoder -> wholeNumber(decoder, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Singleton
    Deserializer<Boolean> booleans() {
        return (Strict<Boolean>) decoder -> {
            JsonNode node = decoder.decodeNode();
            if (!node.isBoolean()) {
                throw new SerdeException(NOT_A_BOOLEAN);
            }
            return node.getBooleanValue();
        };
    }

    private static long wholeNumber(Decoder decoder, long min, long max) throws IOException {
        JsonNode node = decoder.decodeNode();
        if (!node.isNumber()) {
            throw new SerdeException(NOT_A_WHOLE_NUMBER);
        }
        BigInteger value;
        try {
            value = new BigDecimal(node.getNumberValue().toString()).toBigIntegerExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new SerdeException(NOT_A_WHOLE_NUMBER);
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new SerdeException(OUT_OF_RANGE);
        }
        return value.longValueExact();
    }

    /** A deserializer that reads one value of a given JSON type; null stays null. */
    @FunctionalInterface
    interface Strict<T> extends Deserializer<T> {
        T read(Decoder decoder) throws IOException;

        @Override
        default @Nullable T deserialize(@NonNull Decoder decoder, @NonNull DecoderContext context,
                                        @NonNull Argument<? super T> type) throws IOException {
            return read(decoder);
        }

        @Override
        default @Nullable T deserializeNullable(@NonNull Decoder decoder, @NonNull DecoderContext context,
                                                @NonNull Argument<? super T> type) throws IOException {
            return decoder.decodeNull() ? null : read(decoder);
        }
    }
}
