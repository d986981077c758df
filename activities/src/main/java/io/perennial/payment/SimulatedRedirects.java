package io.perennial.payment;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * The simulated provider's redirect methods (Alipay, WeChat Pay), modelled as the real ones behave: a session on the
 * provider's hosted page ({@code /provider/redirects/{reference}}, served by the API as the provider's site), which
 * the customer approves or fails there, which expires when they never answer, and whose outcome reaches Perennial
 * afterwards as the provider's event (the page delivers it, at least once). Sessions live on the provider's clock
 * (the wall clock), as Alipay's do, not on Perennial's business clock.
 */
@Singleton
public class SimulatedRedirects {

    private final RedirectPageRepository sessions;
    private final Duration lifetime;
    private final String pageUrl;
    private final Clock clock;

    public SimulatedRedirects(RedirectPageRepository sessions,
                              @Value("${perennial.gateway.simulated.redirect-lifetime:30m}") Duration lifetime,
                              @Value("${perennial.gateway.simulated.redirect-page-url:/provider/redirects/}")
                              String pageUrl) {
        this(sessions, lifetime, pageUrl, Clock.systemUTC());
    }

    SimulatedRedirects(RedirectPageRepository sessions, Duration lifetime, String pageUrl, Clock clock) {
        this.sessions = sessions;
        this.lifetime = lifetime;
        this.pageUrl = pageUrl;
        this.clock = clock;
    }

    /** The session of the key: opened the first time, the same one afterwards (as an idempotent PaymentIntent). */
    public RedirectSession open(RedirectCharge charge) {
        sessions.open("rs_sim_" + UUID.randomUUID().toString().replace("-", ""), charge.idempotencyKey(),
                charge.method(), charge.amountMinor(), charge.currency(), charge.returnUrl(),
                clock.instant().plus(lifetime));
        RedirectPageSession session = sessions.findByIdempotencyKey(charge.idempotencyKey()).orElseThrow();
        return new RedirectSession(session.reference(), pageUrl + session.reference(), session.expiresAt());
    }

    /** Books what an approved session took before a refund or a look by key, as the provider's ledger holds it. */
    void bookIfApproved(String reference) {
        sessions.bookApproved(reference);
    }

    void bookIfApprovedByKey(String idempotencyKey) {
        sessions.findByIdempotencyKey(idempotencyKey).ifPresent(session -> sessions.bookApproved(session.reference()));
    }
}
