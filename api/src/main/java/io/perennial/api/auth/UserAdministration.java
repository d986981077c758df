package io.perennial.api.auth;

import io.micronaut.transaction.annotation.Transactional;
import io.perennial.api.problem.ApiProblems;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.customer.Role;
import io.perennial.customer.UserAccount;
import io.perennial.customer.UserAccountRepository;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.UUID;

/**
 * Admins create staff accounts and move them between OPS and ADMIN. Customers register themselves and stay
 * customers. Both are audited; a role change also ends the user's sign-ins (refresh tokens revoked), so the new role
 * applies from the next login, at the latest when the current access token expires.
 */
@Singleton
public class UserAdministration {

    private final UserAccountRepository users;
    private final AccountService accounts;
    private final RefreshTokens refreshTokens;
    private final AuditLog audit;
    private final PasswordPolicy passwords;
    private final TokenVersions versions;

    public UserAdministration(UserAccountRepository users, AccountService accounts, RefreshTokens refreshTokens,
                              AuditLog audit, PasswordPolicy passwords, TokenVersions versions) {
        this.versions = versions;
        this.passwords = passwords;
        this.users = users;
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.audit = audit;
    }

    /** How the audit log names an account (failed logins use the same). */
    static String auditTarget(String email) {
        return "account:" + email.trim().toLowerCase(Locale.ROOT);
    }

    @Transactional
    public UserView createStaff(CurrentUser admin, CreateStaffRequest request) {
        if (request.role() == Role.CUSTOMER) {
            throw ApiProblems.invalidRole("Staff accounts are OPS or ADMIN; customers register themselves.");
        }
        String email = request.email().trim();
        passwords.check(request.password(), email);
        if (users.findByEmail(email).isPresent()) {
            throw ApiProblems.emailTaken();
        }
        UserAccount created = accounts.createStaff(email, request.password(), request.role());
        audit.save(AuditEntry.of(admin.userId().toString(), "user.created", auditTarget(email), null,
                "created as " + created.role()));
        return UserView.of(created);
    }

    public UserView user(UUID userId) {
        return users.findById(userId).map(UserView::of).orElseThrow(() -> ApiProblems.notFound("User", userId));
    }

    @Transactional
    public UserView changeRole(CurrentUser admin, UUID userId, ChangeRoleRequest request) {
        UserAccount user = users.findById(userId).orElseThrow(() -> ApiProblems.notFound("User", userId));
        if (user.role() == Role.CUSTOMER || request.role() == Role.CUSTOMER) {
            throw ApiProblems.invalidRole("Only staff roles change (OPS and ADMIN); a customer account stays a customer.");
        }
        if (user.id().equals(admin.userId())) {
            // Another admin must do it, so the last admin cannot lock everyone out by accident.
            throw ApiProblems.invalidRole("Admins cannot change their own role.");
        }
        if (user.role() == request.role()) {
            return UserView.of(user);
        }
        UserAccount changed = users.update(new UserAccount(user.id(), user.email(), user.passwordHash(),
                request.role(), user.customerId(), user.createdAt()));
        int revoked = refreshTokens.revokeAllOf(user.id());
        versions.revokeAccessTokens(user.id());
        audit.save(AuditEntry.of(admin.userId().toString(), "user.role-changed", auditTarget(user.email()),
                request.reason(), user.role() + " -> " + changed.role() + "; " + revoked + " refresh token(s) revoked"));
        return UserView.of(changed);
    }
}
