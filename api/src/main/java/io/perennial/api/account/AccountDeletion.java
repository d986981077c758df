package io.perennial.api.account;

import io.micronaut.transaction.TransactionOperations;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.auth.PasswordHasher;
import io.perennial.api.auth.RefreshTokens;
import io.perennial.api.auth.TokenVersions;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.subscription.CancelSubscriptionRequest;
import io.perennial.api.subscription.SubscriptionChanges;
import io.perennial.api.subscription.SubscriptionService;
import io.perennial.api.subscription.SubscriptionView;
import io.perennial.customer.CustomerRepository;
import io.perennial.customer.OidcIdentityRepository;
import io.perennial.customer.PasswordResetRepository;
import io.perennial.customer.PersonalDataRepository;
import io.perennial.customer.PortalSessionRepository;
import io.perennial.customer.UserAccountRepository;
import io.perennial.event.EventLog;
import io.perennial.event.EventType;
import io.perennial.subscription.CancelTiming;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Delete my account. First every live subscription is canceled at once through the API's own cancel path (the
 * subscription workflow stops billing; a failure here stops the deletion before anything is erased). Then, in one
 * transaction, the personal data is erased ({@link PersonalDataRepository}) and the person can no longer sign in:
 * the email and password are replaced, every portal session, refresh token, access token, provider link and reset
 * link ends, and a {@code customer.deleted} event records it. What accounting must keep stays (see
 * docs/security.md).
 */
@Singleton
public class AccountDeletion {

    private static final Logger log = LoggerFactory.getLogger(AccountDeletion.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriptionService subscriptions;
    private final SubscriptionChanges changes;
    private final CustomerRepository customers;
    private final PersonalDataRepository personalData;
    private final PortalSessionRepository portalSessions;
    private final OidcIdentityRepository identities;
    private final PasswordResetRepository resets;
    private final RefreshTokens refreshTokens;
    private final TokenVersions versions;
    private final PasswordHasher hasher;
    private final EventLog events;
    private final TransactionOperations<Connection> transactions;
    private final UserAccountRepository users;

    @SuppressWarnings("java:S107")
    public AccountDeletion(SubscriptionService subscriptions, SubscriptionChanges changes,
                           CustomerRepository customers, PersonalDataRepository personalData,
                           PortalSessionRepository portalSessions, OidcIdentityRepository identities,
                           PasswordResetRepository resets, RefreshTokens refreshTokens, TokenVersions versions,
                           PasswordHasher hasher, EventLog events,
                           TransactionOperations<Connection> transactions, UserAccountRepository users) {
        this.users = users;
        this.transactions = transactions;
        this.subscriptions = subscriptions;
        this.changes = changes;
        this.customers = customers;
        this.personalData = personalData;
        this.portalSessions = portalSessions;
        this.identities = identities;
        this.resets = resets;
        this.refreshTokens = refreshTokens;
        this.versions = versions;
        this.hasher = hasher;
        this.events = events;
    }

    public void delete(CurrentUser caller) {
        UUID customerId = caller.requireOwner();
        if (users.findByCustomerIdOrderByCreatedAt(customerId).size() > 1) {
            // Erasing signs in nobody else's account: the other users go first, by the owner's own hand.
            throw ApiProblems.otherAccountUsers();
        }
        for (SubscriptionView subscription : subscriptions.list(caller, 100, null, null, null, null).items()) {
            if (!"CANCELED".equals(subscription.status())) {
                changes.cancel(caller, UUID.fromString(subscription.id()),
                        new CancelSubscriptionRequest(CancelTiming.IMMEDIATELY, "account_deleted", false));
            }
        }
        transactions.executeWrite(status -> {
            erase(caller.userId(), customerId);
            return null;
        });
        versions.revokeAccessTokens(caller.userId());
        log.info("Customer {} deleted their account: personal data erased", customerId);
    }

    private void erase(UUID userId, UUID customerId) {
        String oldEmail = customers.findById(customerId).map(c -> c.email()).orElse("");
        String email = "deleted-" + customerId + "@deleted.invalid";
        byte[] unknowable = new byte[32];
        RANDOM.nextBytes(unknowable);
        Instant now = Instant.now();
        personalData.eraseCustomer(customerId, email);
        personalData.eraseUser(customerId, email, hasher.hash(HexFormat.of().formatHex(unknowable)));
        personalData.eraseSubscriptionAddresses(customerId);
        personalData.eraseOrderAddresses(customerId);
        personalData.eraseMails(customerId, email);
        personalData.eraseBehaviour(customerId);
        personalData.eraseCreatedEvent(customerId, email);
        personalData.eraseLoginFailures(oldEmail);
        portalSessions.endAllOf(userId, now);
        identities.unlinkAllOf(userId);
        resets.deleteAllOf(userId);
        refreshTokens.revokeAllOf(userId);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("customerId", customerId.toString());
        object.put("deletedAt", now.toString());
        events.record(EventType.CUSTOMER_DELETED, customerId.toString(), "deleted", now, object);
    }
}
