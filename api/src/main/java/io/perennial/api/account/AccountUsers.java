package io.perennial.api.account;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.auth.PasswordHasher;
import io.perennial.api.auth.PasswordResets;
import io.perennial.api.auth.TokenVersions;
import io.perennial.api.problem.ApiProblems;
import io.perennial.audit.AuditLog;
import io.perennial.customer.AccountRole;
import io.perennial.customer.BillingProfiles;
import io.perennial.customer.Role;
import io.perennial.customer.UserAccount;
import io.perennial.customer.UserAccountRepository;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The users of a company's customer account and their roles, managed by its owners. A user added by email gets an
 * account nobody can sign in to yet and a mailed link to set its password (the "forgot password" link). Each change
 * locks the customer's row, so the account always keeps an owner; a role change or a removal ends the user's access
 * tokens at once (their token version moves), and each is audited as {@code account-user.*}.
 */
@Singleton
public class AccountUsers {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserAccountRepository users;
    private final BillingProfiles profiles;
    private final PasswordHasher hasher;
    private final PasswordResets invitations;
    private final TokenVersions versions;
    private final AuditLog audit;
    private final TransactionOperations<Connection> transactions;

    public AccountUsers(UserAccountRepository users, BillingProfiles profiles, PasswordHasher hasher,
                        PasswordResets invitations, TokenVersions versions, AuditLog audit,
                        TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
        this.users = users;
        this.profiles = profiles;
        this.hasher = hasher;
        this.invitations = invitations;
        this.versions = versions;
        this.audit = audit;
    }

    public List<AccountUserView> list(CurrentUser caller) {
        return users.findByCustomerIdOrderByCreatedAt(caller.requireOwner()).stream().map(AccountUserView::of)
                .toList();
    }

    /** Adds the user, then (once committed, so the link finds the account) mails the link to set a password. */
    public AccountUserView add(CurrentUser caller, String email, AccountRole role, Locale locale) {
        AccountUserView added;
        try {
            added = transactions.executeWrite(status -> insert(caller, email.strip(), role));
        } catch (RuntimeException e) {
            // The same email registered, or added to another account, at the same moment: the unique index decided.
            if (uniqueViolation(e)) {
                throw ApiProblems.emailInAnotherAccount();
            }
            throw e;
        }
        invitations.requestLink(added.email(), locale);
        return added;
    }

    private AccountUserView insert(CurrentUser caller, String address, AccountRole role) {
        UUID customerId = caller.requireOwner();
        if (!"COMPANY".equals(profiles.get(customerId).kind())) {
            throw ApiProblems.notACompanyAccount();
        }
        users.lockCustomer(customerId);
        if (users.findByEmail(address).isPresent()) {
            throw ApiProblems.emailInAnotherAccount();
        }
        byte[] unknowable = new byte[32];
        RANDOM.nextBytes(unknowable);
        UserAccount added = users.save(new UserAccount(UUID.randomUUID(), address,
                hasher.hash(HexFormat.of().formatHex(unknowable)), Role.CUSTOMER, customerId, Instant.now(), role));
        audit.record(caller.userId().toString(), "account-user.added", target(customerId), null,
                address + " added as " + role);
        return AccountUserView.of(added);
    }

    @Transactional
    public AccountUserView changeRole(CurrentUser caller, UUID userId, AccountRole role) {
        UUID customerId = caller.requireOwner();
        users.lockCustomer(customerId);
        UserAccount user = member(customerId, userId);
        if (user.accountRole() == role) {
            return AccountUserView.of(user);
        }
        if (user.accountRole() == AccountRole.OWNER && users.countOwners(customerId) <= 1) {
            throw ApiProblems.lastOwner();
        }
        users.updateAccountRole(userId, customerId, role.name());
        versions.revokeAccessTokens(userId);
        audit.record(caller.userId().toString(), "account-user.role-changed", target(customerId), null,
                user.email() + ": " + user.accountRole() + " -> " + role);
        return AccountUserView.of(member(customerId, userId));
    }

    @Transactional
    public void remove(CurrentUser caller, UUID userId) {
        UUID customerId = caller.requireOwner();
        users.lockCustomer(customerId);
        UserAccount user = member(customerId, userId);
        if (user.accountRole() == AccountRole.OWNER && users.countOwners(customerId) <= 1) {
            throw ApiProblems.lastOwner();
        }
        users.deleteAccountUser(userId, customerId);
        // Forgets the cached token version: the user's access tokens stop at once, not when the cache lapses.
        versions.revokeAccessTokens(userId);
        audit.record(caller.userId().toString(), "account-user.removed", target(customerId), null,
                user.email() + " (" + user.accountRole() + ") removed; its sign-ins end");
    }

    /** PostgreSQL's unique_violation (SQLSTATE 23505) anywhere in the causes. */
    private static boolean uniqueViolation(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A user of this customer account; anyone else's id is a 404, like one that does not exist. */
    private UserAccount member(UUID customerId, UUID userId) {
        return users.findById(userId).filter(user -> customerId.equals(user.customerId()))
                .orElseThrow(() -> ApiProblems.notFound("User", userId));
    }

    private static String target(UUID customerId) {
        return "customer:" + customerId;
    }
}
