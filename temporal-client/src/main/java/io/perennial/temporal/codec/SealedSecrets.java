package io.perennial.temporal.codec;

import io.temporal.payload.codec.PayloadCodecException;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals secrets Perennial must keep and use again (webhook signing secrets) with the payload encryption key, as
 * {@code keyId:base64(nonce ‖ AES-256-GCM ciphertext)}, so a database dump without the key reveals none of them.
 * A key rotation keeps old seals readable as long as the old key stays among the previous keys.
 */
public final class SealedSecrets {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final PayloadKeyring keyring;
    private final SecureRandom random = new SecureRandom();

    public SealedSecrets(PayloadKeyring keyring) {
        this.keyring = keyring;
    }

    public String seal(String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keyring.activeKey(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] ciphertext = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = new byte[NONCE_BYTES + ciphertext.length];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            System.arraycopy(ciphertext, 0, sealed, NONCE_BYTES, ciphertext.length);
            return keyring.activeKeyId() + ":" + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new PayloadCodecException(e);
        }
    }

    public String open(String sealed) {
        int colon = sealed.lastIndexOf(':');
        if (colon < 0) {
            throw new PayloadCodecException("not a sealed secret");
        }
        String keyId = sealed.substring(0, colon);
        SecretKey key = keyring.key(keyId).orElseThrow(() -> new PayloadCodecException(
                "secret sealed with key '" + keyId + "', which this process was not given"));
        byte[] data = Base64.getDecoder().decode(sealed.substring(colon + 1));
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            return new String(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new PayloadCodecException("secret under key '" + keyId + "' failed authentication", e);
        }
    }
}
