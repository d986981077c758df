package io.perennial.temporal.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;

/**
 * Encrypts every Temporal payload (workflow and activity arguments and results, signals, updates, queries,
 * memos, the UI summary and failure details) with AES-256-GCM, so the Temporal server and its database hold
 * customers' emails, names and addresses only as ciphertext.
 *
 * <p>The whole original payload, its metadata included, is the plaintext; the new payload's metadata says it is
 * encrypted and with which key. A fresh 96-bit nonce is drawn for each payload and stored before the ciphertext.
 * Payloads without the encrypted encoding pass through {@link #decode} unchanged: histories written before the
 * codec was switched on still replay and still show in the UI.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {

    public static final String ENCODING = "binary/encrypted";
    public static final String METADATA_KEY_ID = "encryption-key-id";
    public static final String METADATA_CIPHER = "encryption-cipher";
    public static final String CIPHER_NAME = "AES256-GCM";

    private static final ByteString ENCODING_VALUE = ByteString.copyFrom(ENCODING, StandardCharsets.UTF_8);
    private static final ByteString CIPHER_VALUE = ByteString.copyFrom(CIPHER_NAME, StandardCharsets.UTF_8);
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final PayloadKeyring keyring;
    private final SecureRandom random = new SecureRandom();

    public AesGcmPayloadCodec(PayloadKeyring keyring) {
        this.keyring = keyring;
    }

    @Override
    public List<Payload> encode(List<Payload> payloads) {
        return payloads.stream().map(this::encrypt).toList();
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
        return payloads.stream().map(this::decrypt).toList();
    }

    /** True when the payload is one this codec wrote. */
    public static boolean isEncrypted(Payload payload) {
        return ENCODING_VALUE.equals(payload.getMetadataOrDefault(EncodingKeys.METADATA_ENCODING_KEY, ByteString.EMPTY));
    }

    private Payload encrypt(Payload payload) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] ciphertext;
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keyring.activeKey(), new GCMParameterSpec(TAG_BITS, nonce));
            ciphertext = cipher.doFinal(payload.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new PayloadCodecException(e);
        }
        return Payload.newBuilder()
                .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ENCODING_VALUE)
                .putMetadata(METADATA_CIPHER, CIPHER_VALUE)
                .putMetadata(METADATA_KEY_ID, ByteString.copyFrom(keyring.activeKeyId(), StandardCharsets.UTF_8))
                .setData(ByteString.copyFrom(nonce).concat(ByteString.copyFrom(ciphertext)))
                .build();
    }

    private Payload decrypt(Payload payload) {
        if (!isEncrypted(payload)) {
            return payload;
        }
        String keyId = payload.getMetadataOrDefault(METADATA_KEY_ID, ByteString.EMPTY).toStringUtf8();
        SecretKey key = keyring.key(keyId).orElseThrow(() -> new PayloadCodecException(
                "payload encrypted with key '" + keyId + "', which this process was not given "
                        + "(PAYLOAD_CODEC_PREVIOUS_KEYS keeps old keys after a rotation)"));
        byte[] data = payload.getData().toByteArray();
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new PayloadCodecException("encrypted payload too short to hold a nonce and a tag");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            return Payload.parseFrom(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
        } catch (GeneralSecurityException e) {
            // A wrong key or a tampered payload: GCM's tag check fails, nothing is returned.
            throw new PayloadCodecException("payload under key '" + keyId + "' failed authentication", e);
        } catch (InvalidProtocolBufferException e) {
            throw new PayloadCodecException(e);
        }
    }
}
