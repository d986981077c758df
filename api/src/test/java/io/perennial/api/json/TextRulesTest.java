package io.perennial.api.json;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The text rules of request bodies, without a server: what PostgreSQL cannot hold, and how deep JSON may nest. */
class TextRulesTest {

    @Test
    void aPairedSurrogateIsACharacterButEitherHalfAloneIsRefused() {
        assertThat(TextDeserializer.refusalOf("Ada \uD83D\uDE00")).isNull();
        assertThat(TextDeserializer.refusalOf("\uD83D\uDE00\uD83D\uDE00")).isNull();
        assertThat(TextDeserializer.refusalOf("Ada \uD800")).isEqualTo(TextDeserializer.SURROGATE_REFUSED);
        assertThat(TextDeserializer.refusalOf("\uDE00Ada")).isEqualTo(TextDeserializer.SURROGATE_REFUSED);
        assertThat(TextDeserializer.refusalOf("\uD800\uD800\uDE00")).isEqualTo(TextDeserializer.SURROGATE_REFUSED);
        assertThat(TextDeserializer.refusalOf("nul\u0000")).isEqualTo(TextDeserializer.NUL_REFUSED);
        assertThat(TextDeserializer.refusalOf(null)).isNull();
    }

    @Test
    void noStringIsLongerThanTheCeiling() {
        assertThat(TextDeserializer.refusalOf("x".repeat(TextDeserializer.MAX_LENGTH))).isNull();
        assertThat(TextDeserializer.refusalOf("x".repeat(TextDeserializer.MAX_LENGTH + 1)))
                .isEqualTo(TextDeserializer.TOO_LONG_REFUSED);
    }

    @Test
    void nestingCountsBracketsOutsideStringsOnly() {
        int max = JsonNesting.MAX_DEPTH;
        assertThat(JsonNesting.withinLimit("[".repeat(max) + "]".repeat(max))).isTrue();
        assertThat(JsonNesting.withinLimit("[".repeat(max + 1) + "]".repeat(max + 1))).isFalse();
        assertThat(JsonNesting.withinLimit("{\"a\":".repeat(max + 1))).isFalse();
        // Brackets in strings, escaped quotes included, are text.
        assertThat(JsonNesting.withinLimit("[\"" + "[".repeat(max + 1) + "\"]")).isTrue();
        assertThat(JsonNesting.withinLimit("[\"\\\"" + "{".repeat(max + 1) + "\"]")).isTrue();
        // Siblings do not add up.
        assertThat(JsonNesting.withinLimit("[" + "[]".repeat(max * 2) + "]")).isTrue();
    }
}
