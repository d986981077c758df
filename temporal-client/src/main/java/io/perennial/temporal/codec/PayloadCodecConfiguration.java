package io.perennial.temporal.codec;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * @param keyId        the id of the key that encrypts new payloads, written into each payload's metadata
 * @param key          that key: base64 of 32 random bytes; no default outside the embedded mode
 * @param previousKeys keys that still decrypt after a rotation, {@code id:base64,id:base64}
 */
@ConfigurationProperties("perennial.codec")
public record PayloadCodecConfiguration(@Nullable String keyId, @Nullable String key, @Nullable String previousKeys) {

    public PayloadKeyring keyring() {
        return PayloadKeyring.of(keyId, key, previousKeys);
    }
}
