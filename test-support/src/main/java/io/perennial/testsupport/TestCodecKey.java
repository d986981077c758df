package io.perennial.testsupport;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The payload codec's key settings for a test context that holds a Temporal client (activities that signal
 * workflows) without reaching a server: a random key under the id {@code test}.
 */
public final class TestCodecKey {

    private TestCodecKey() {
    }

    public static Map<String, String> properties() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Map.of("perennial.codec.key-id", "test", "perennial.codec.key", Base64.getEncoder().encodeToString(key));
    }
}
