package io.perennial.api.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** bcrypt, with a cost that production keeps high and tests may lower. */
@Singleton
public class PasswordHasher {

    private final int cost;
    /** Made beside the rest of the start (a quarter to half a second at cost 12), waited for when first needed. */
    private final CompletableFuture<String> dummyHash;

    public PasswordHasher(@Value("${perennial.security.bcrypt-cost:12}") int cost) {
        this.cost = cost;
        this.dummyHash = CompletableFuture.supplyAsync(() -> hash("not-a-real-password-used-for-timing"));
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        if (PasswordPolicy.tooLong(password)) {
            // bcrypt refuses more than 72 bytes, and no stored password is longer: spend the time, answer no.
            BCrypt.verifyer().verify(new byte[]{0}, dummyHash.join().getBytes(StandardCharsets.UTF_8));
            return false;
        }
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Spends the same time as a real check, so a missing account cannot be told apart by timing. */
    public void burnTime(String password) {
        matches(password, dummyHash.join());
    }
}
