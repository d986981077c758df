package io.perennial.temporal.codec;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The AES-256 keys that protect Temporal payloads: one active key that encrypts, and the previous keys still needed
 * to read payloads written before a rotation. Each key has an id, which every encrypted payload carries in its
 * metadata, so rotating keys never strands a running workflow.
 */
public final class PayloadKeyring {

    /** How to make a key, for error messages and docs. */
    public static final String HOW_TO_MAKE_A_KEY = "openssl rand -base64 32";

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int KEY_BYTES = 32;

    private final String activeKeyId;
    private final Map<String, SecretKey> keys;

    private PayloadKeyring(String activeKeyId, Map<String, SecretKey> keys) {
        this.activeKeyId = activeKeyId;
        this.keys = Collections.unmodifiableMap(keys);
    }

    /**
     * @param activeKeyId  the id of the key that encrypts, e.g. {@code 2026-11}
     * @param activeKey    that key, base64 of 32 random bytes
     * @param previousKeys keys that only decrypt, as {@code id:base64,id:base64}; blank for none
     * @throws IllegalArgumentException naming what is wrong, never showing a key
     */
    public static PayloadKeyring of(String activeKeyId, String activeKey, String previousKeys) {
        if (blank(activeKey)) {
            throw new IllegalArgumentException("no payload encryption key: set PAYLOAD_CODEC_KEY to base64 of 32 "
                    + "random bytes (" + HOW_TO_MAKE_A_KEY + ") and PAYLOAD_CODEC_KEY_ID to a name for it; "
                    + "Temporal keeps every payload, so it must never hold personal data in plain text");
        }
        String id = blank(activeKeyId) ? "" : activeKeyId.trim();
        checkId(id, "PAYLOAD_CODEC_KEY_ID");
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        keys.put(id, key(activeKey, "PAYLOAD_CODEC_KEY"));
        if (!blank(previousKeys)) {
            for (String entry : previousKeys.split(",")) {
                int colon = entry.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("PAYLOAD_CODEC_PREVIOUS_KEYS: each entry is id:base64-key");
                }
                String previousId = entry.substring(0, colon).trim();
                checkId(previousId, "PAYLOAD_CODEC_PREVIOUS_KEYS");
                if (keys.putIfAbsent(previousId, key(entry.substring(colon + 1), "key '" + previousId + "'")) != null) {
                    throw new IllegalArgumentException("payload key id '" + previousId + "' is given twice");
                }
            }
        }
        return new PayloadKeyring(id, keys);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    SecretKey activeKey() {
        return keys.get(activeKeyId);
    }

    Optional<SecretKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    private static SecretKey key(String base64, String name) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not base64 (" + HOW_TO_MAKE_A_KEY + ")");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(name + " must be 32 bytes (AES-256), not " + bytes.length
                    + " (" + HOW_TO_MAKE_A_KEY + ")");
        }
        if (allSame(bytes)) {
            throw new IllegalArgumentException(name + " is not random (" + HOW_TO_MAKE_A_KEY + ")");
        }
        SecretKey key = new SecretKeySpec(bytes, "AES");
        Arrays.fill(bytes, (byte) 0);
        return key;
    }

    private static void checkId(String id, String name) {
        if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(name + ": a key id is 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    private static boolean allSame(byte[] bytes) {
        for (byte b : bytes) {
            if (b != bytes[0]) {
                return false;
            }
        }
        return true;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
