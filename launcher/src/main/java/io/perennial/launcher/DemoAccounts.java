package io.perennial.launcher;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.perennial.api.auth.AccountService;
import io.perennial.customer.Role;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;

/** Staff accounts of the embedded mode. Staff are never self-registered; outside embedded mode an admin creates them. */
@Singleton
@Requires(env = "embedded")
public class DemoAccounts {
    public static final String OPS_EMAIL = "ops@perennial.local";
    public static final String OPS_PASSWORD = "ops-demo-password";
    public static final String ADMIN_EMAIL = "admin@perennial.local";
    public static final String ADMIN_PASSWORD = "admin-demo-password";

    private final AccountService accounts;

    public DemoAccounts(AccountService accounts) {
        this.accounts = accounts;
    }

    @EventListener
    void seed(StartupEvent event) {
        // Side by side: each hashes its password (bcrypt, a quarter to half a second at cost 12) on the start's path.
        CompletableFuture<?> ops = CompletableFuture.runAsync(
                () -> accounts.createStaff(OPS_EMAIL, OPS_PASSWORD, Role.OPS));
        accounts.createStaff(ADMIN_EMAIL, ADMIN_PASSWORD, Role.ADMIN);
        ops.join();
    }
}
