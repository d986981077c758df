package io.perennial.api.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.customer.LoginFailureWindow;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Slows password guessing: after {@code maxPerAccount} failed logins for one account, or {@code maxPerAddress} from
 * one client address, within {@code window}, further logins are refused with 429 and {@code Retry-After} until the
 * oldest failure leaves the window. Other accounts and addresses are not affected. Failures are audited.
 */
@Singleton
public class LoginThrottle {
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    @ConfigurationProperties("perennial.security.login-throttle")
    public record Limits(@Bindable(defaultValue = "5") int maxPerAccount,
                         @Bindable(defaultValue = "20") int maxPerAddress,
                         @Bindable(defaultValue = "PT15M") Duration window) {
    }

    private final LoginFailures failures;
    private final AuditLog audit;
    private final Limits limits;

    public LoginThrottle(LoginFailures failures, AuditLog audit, Limits limits) {
        this.failures = failures;
        this.audit = audit;
        this.limits = limits;
    }

    /** Refuses the attempt if the account or the address is over its limit. */
    public void check(String email, String clientAddress) {
        Instant since = Instant.now().minus(limits.window());
        refuseIfOver(failures.ofAccount(normalize(email), since), limits.maxPerAccount(), "this account");
        refuseIfOver(failures.ofAddress(clientAddress, since), limits.maxPerAddress(), "your address");
    }

    public void failed(String email, String clientAddress) {
        failures.record(normalize(email), clientAddress);
        audit.save(AuditEntry.of(clientAddress, "login.failed", "account:" + normalize(email), null,
                "invalid credentials"));
    }

    public void succeeded(String email) {
        failures.clearAccount(normalize(email));
    }

    private void refuseIfOver(LoginFailureWindow window, int max, String who) {
        if (window.failures() < max) {
            return;
        }
        long retryAfter = Math.max(1, Duration.between(Instant.now(),
                window.oldest().plus(limits.window())).toSeconds() + 1);
        log.warn("Login throttled for {}: {} failures in {}", who, window.failures(), limits.window());
        throw new ProblemException(new Problem(ApiProblems.BASE + "too-many-logins", "Too many failed logins", 429,
                "Too many failed logins for " + who + "; try again in " + retryAfter + " seconds.", null, null),
                retryAfter);
    }

    private static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
