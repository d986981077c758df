package io.perennial.temporal.codec;

import com.google.protobuf.ByteString;
import io.micronaut.context.exceptions.ConfigurationException;
import io.perennial.subscription.SubscriptionFailures;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.payload.codec.PayloadCodecException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AesGcmPayloadCodecTest {

    record Address(String name, String email, String street) {
    }

    private static final Address ADA = new Address("Ada Lovelace", "ada@example.com", "12 St James's Square");

    private final String oldKey = randomKey();
    private final String currentKey = randomKey();
    private final AesGcmPayloadCodec codec = new AesGcmPayloadCodec(PayloadKeyring.of("2026-11", currentKey, null));
    private final DataConverter converter = PayloadCodecFactory.encrypting(codec);

    @Test
    void a_payload_holds_no_personal_data_in_plain_text_and_names_its_key() {
        Payload payload = converter.toPayload(ADA).orElseThrow();

        String stored = payload.getData().toString(StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain("ada@example.com", "Ada Lovelace", "James");
        assertThat(payload.getMetadataMap().get("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
        assertThat(payload.getMetadataMap().get(AesGcmPayloadCodec.METADATA_KEY_ID).toStringUtf8()).isEqualTo("2026-11");
        assertThat(payload.getMetadataMap().get(AesGcmPayloadCodec.METADATA_CIPHER).toStringUtf8()).isEqualTo("AES256-GCM");
        assertThat(converter.fromPayload(payload, Address.class, Address.class)).isEqualTo(ADA);
    }

    @Test
    void the_same_value_encrypts_differently_each_time() {
        Payload first = converter.toPayload(ADA).orElseThrow();
        Payload second = converter.toPayload(ADA).orElseThrow();

        assertThat(first.getData()).isNotEqualTo(second.getData());
    }

    @Test
    void a_tampered_payload_is_refused_rather_than_read() {
        Payload payload = converter.toPayload(ADA).orElseThrow();
        byte[] data = payload.getData().toByteArray();
        data[data.length - 20] ^= 1;
        Payload tampered = payload.toBuilder().setData(ByteString.copyFrom(data)).build();

        assertThatThrownBy(() -> codec.decode(List.of(tampered)))
                .isInstanceOf(PayloadCodecException.class)
                .hasMessageContaining("failed authentication");
    }

    @Test
    void a_payload_under_a_key_this_process_lacks_is_refused_with_the_key_id() {
        AesGcmPayloadCodec other = new AesGcmPayloadCodec(PayloadKeyring.of("elsewhere", randomKey(), null));
        Payload foreign = other.encode(List.of(plain("secret"))).get(0);

        assertThatThrownBy(() -> codec.decode(List.of(foreign)))
                .isInstanceOf(PayloadCodecException.class)
                .hasMessageContaining("'elsewhere'");
    }

    @Test
    void a_key_with_the_right_id_but_other_bytes_cannot_read_it() {
        AesGcmPayloadCodec impostor = new AesGcmPayloadCodec(PayloadKeyring.of("2026-11", randomKey(), null));
        Payload payload = codec.encode(List.of(plain("secret"))).get(0);

        assertThatThrownBy(() -> impostor.decode(List.of(payload))).isInstanceOf(PayloadCodecException.class);
    }

    @Test
    void after_a_rotation_payloads_under_the_previous_key_still_decrypt_and_new_ones_use_the_new_key() {
        AesGcmPayloadCodec before = new AesGcmPayloadCodec(PayloadKeyring.of("2026-10", oldKey, null));
        Payload written = before.encode(List.of(plain("from october"))).get(0);
        AesGcmPayloadCodec after = new AesGcmPayloadCodec(
                PayloadKeyring.of("2026-11", currentKey, "2026-10:" + oldKey));

        assertThat(after.decode(List.of(written)).get(0).getData().toStringUtf8()).isEqualTo("from october");
        assertThat(after.encode(List.of(plain("x"))).get(0).getMetadataMap()
                .get(AesGcmPayloadCodec.METADATA_KEY_ID).toStringUtf8()).isEqualTo("2026-11");
    }

    @Test
    void payloads_written_before_encryption_was_switched_on_pass_through() {
        Payload old = DefaultDataConverter.newDefaultInstance().toPayload(ADA).orElseThrow();

        assertThat(codec.decode(List.of(old))).containsExactly(old);
        assertThat(converter.fromPayload(old, Address.class, Address.class)).isEqualTo(ADA);
    }

    @Test
    void failure_messages_are_encrypted_too() {
        var failure = converter.exceptionToFailure(new IllegalStateException("card of ada@example.com declined"));

        assertThat(failure.getMessage()).doesNotContain("ada@example.com");
        assertThat(failure.hasEncodedAttributes()).isTrue();
        assertThat(converter.failureToException(failure).getMessage()).contains("ada@example.com");
    }

    @Test
    void a_subscription_refusing_a_change_keeps_its_words_while_any_other_failure_is_encrypted() {
        // The SDK wraps a validator's failure once more, copying its (encoded) message: only a plain message survives.
        var refusal = converter.exceptionToFailure(ApplicationFailure.newNonRetryableFailure(
                "The subscription is already on plan_x.", SubscriptionFailures.CHANGE_REJECTED));
        assertThat(refusal.getMessage()).isEqualTo("The subscription is already on plan_x.");
        assertThat(refusal.hasEncodedAttributes()).isFalse();

        var other = converter.exceptionToFailure(ApplicationFailure.newNonRetryableFailure(
                "declined for Ada Lovelace", "PaymentDeclined"));
        assertThat(other.getMessage()).doesNotContain("Ada");
        assertThat(converter.failureToException(other).getMessage()).contains("declined for Ada Lovelace");

        var wrapped = converter.exceptionToFailure(new IllegalStateException("wrapper",
                ApplicationFailure.newNonRetryableFailure("ada@example.com", SubscriptionFailures.CHANGE_REJECTED)));
        assertThat(wrapped.toString()).doesNotContain("ada@example.com");
        assertThat(converter.withContext(null)).isInstanceOf(RefusalReadableDataConverter.class);
    }

    @Test
    void the_keyring_refuses_a_missing_short_non_base64_or_constant_key_and_a_bad_id() {
        assertThatThrownBy(() -> PayloadKeyring.of("k1", "", null))
                .hasMessageContaining("PAYLOAD_CODEC_KEY").hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> PayloadKeyring.of("k1", Base64.getEncoder().encodeToString(new byte[16]), null))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> PayloadKeyring.of("k1", "not base64!", null)).hasMessageContaining("base64");
        assertThatThrownBy(() -> PayloadKeyring.of("k1", Base64.getEncoder().encodeToString(new byte[32]), null))
                .hasMessageContaining("not random");
        assertThatThrownBy(() -> PayloadKeyring.of("k 1", currentKey, null)).hasMessageContaining("key id");
        assertThatThrownBy(() -> PayloadKeyring.of("k1", currentKey, "k1:" + oldKey)).hasMessageContaining("twice");
        assertThatThrownBy(() -> PayloadKeyring.of("k1", currentKey, oldKey)).hasMessageContaining("id:base64");
    }

    @Test
    void without_a_key_the_api_and_the_worker_refuse_to_start() {
        assertThatThrownBy(() -> new PayloadCodecFactory().payloadCodec(new PayloadCodecConfiguration("k1", null, null)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("PAYLOAD_CODEC_KEY");
    }

    private static Payload plain(String text) {
        return Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                .setData(ByteString.copyFromUtf8(text)).build();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
