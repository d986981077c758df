package io.perennial.api.auth;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.MessageSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.perennial.api.problem.ApiProblems;
import io.perennial.customer.PasswordReset;
import io.perennial.customer.PasswordResetRepository;
import io.perennial.customer.PortalSessionRepository;
import io.perennial.customer.Role;
import io.perennial.customer.UserAccount;
import io.perennial.customer.UserAccountRepository;
import io.perennial.notification.MailMessage;
import io.perennial.notification.MailSender;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/**
 * "Forgot password": a one-time link mailed to the account's address. The answer to a request is the same whether
 * the address has an account or not, and it comes before any work is done (the work runs on the blocking pool), so
 * neither the answer nor its timing tells who has an account. The link's token is 256 random bits; PostgreSQL keeps
 * only its SHA-256, and the mail goes straight to the mail port rather than through the notification outbox, which
 * would store it in clear. A lost mail is simply asked for again.
 */
@Singleton
public class PasswordResets {

    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String RESET_PATH = "/portal/password/reset";

    private final UserAccountRepository users;
    private final PasswordResetRepository resets;
    private final PortalSessionRepository portalSessions;
    private final PasswordHasher hasher;
    private final PasswordPolicy passwords;
    private final RefreshTokens refreshTokens;
    private final TokenVersions versions;
    private final MailSender mail;
    private final MessageSource messages;
    private final PasswordResetSettings settings;
    private final BeanProvider<EmbeddedServer> server;
    private final ExecutorService blocking;
    private final TransactionOperations<Connection> transactions;

    @SuppressWarnings("java:S107")
    public PasswordResets(UserAccountRepository users, PasswordResetRepository resets,
                          PortalSessionRepository portalSessions, PasswordHasher hasher, PasswordPolicy passwords,
                          RefreshTokens refreshTokens, TokenVersions versions, MailSender mail,
                          MessageSource messages, PasswordResetSettings settings, BeanProvider<EmbeddedServer> server,
                          @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
                          TransactionOperations<Connection> transactions) {
        this.users = users;
        this.resets = resets;
        this.portalSessions = portalSessions;
        this.hasher = hasher;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
        this.versions = versions;
        this.mail = mail;
        this.messages = messages;
        this.settings = settings;
        this.server = server;
        this.blocking = blocking;
        this.transactions = transactions;
    }

    /** Accepts a request for a link; whether one is sent is nobody's business but the address owner's. */
    public void requestLink(String email, Locale locale) {
        blocking.execute(() -> {
            try {
                sendLink(email.trim(), locale);
            } catch (RuntimeException e) {
                log.warn("A password reset link could not be sent: {}", e.getMessage());
            }
        });
    }

    private void sendLink(String email, Locale locale) {
        Optional<UserAccount> account = users.findByEmail(email).filter(user -> user.role() == Role.CUSTOMER);
        if (account.isEmpty()) {
            return;
        }
        UserAccount user = account.get();
        Instant now = Instant.now();
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        // Counting and saving under the account's lock: requests racing each other (they run on the blocking pool,
        // after the answer) would otherwise all count under the limit and all send a link.
        boolean saved = transactions.executeWrite(status -> {
            resets.lockLinksOf(user.id());
            if (resets.countByUserIdAndCreatedAtGreaterThan(user.id(), now.minusSeconds(3600))
                    >= settings.linksPerHour()) {
                return false;
            }
            resets.save(new PasswordReset(UUID.randomUUID(), user.id(), RefreshTokens.hash(token), now,
                    now.plus(settings.linkLifetime()), null));
            return true;
        });
        if (!saved) {
            log.info("Password reset for user {} refused: {} links in the last hour", user.id(),
                    settings.linksPerHour());
            return;
        }
        String link = base() + RESET_PATH + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        long minutes = settings.linkLifetime().toMinutes();
        mail.send(new MailMessage("password-reset:" + user.id() + ":" + now.toEpochMilli(), user.email(),
                message("mail.reset.subject", locale), message("mail.reset.body", locale, link, minutes)));
    }

    /** Whether the link would still set a password (the reset page shows its form only then). */
    public boolean isLive(String token) {
        return resets.findLive(RefreshTokens.hash(token), Instant.now()).isPresent();
    }

    /**
     * Sets the new password with a live link, which is used up; every other link, refresh token, access token and
     * portal session of the account ends (whoever knew the old password is out).
     */
    @Transactional
    public void reset(String token, String newPassword) {
        Instant now = Instant.now();
        PasswordReset reset = resets.findLive(RefreshTokens.hash(token), now)
                .orElseThrow(ApiProblems::invalidResetLink);
        UserAccount user = users.findById(reset.userId()).orElseThrow(ApiProblems::invalidResetLink);
        passwords.check(newPassword, user.email());
        if (resets.useUp(reset.id(), now) != 1) {
            throw ApiProblems.invalidResetLink();
        }
        users.updatePasswordHash(user.id(), hasher.hash(newPassword));
        resets.voidAllOf(user.id(), now);
        refreshTokens.revokeAllOf(user.id());
        versions.revokeAccessTokens(user.id());
        portalSessions.endAllOf(user.id(), now);
    }

    private String base() {
        String configured = settings.publicUrl();
        String base = configured != null && !configured.isBlank() ? configured : server.get().getURL().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private String message(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, locale, arguments).orElse(key);
    }
}
