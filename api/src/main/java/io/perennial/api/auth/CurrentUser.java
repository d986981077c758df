package io.perennial.api.auth;

import io.micronaut.security.authentication.Authentication;
import io.perennial.api.problem.ApiProblems;
import io.perennial.customer.AccountRole;
import io.perennial.customer.Role;
import io.perennial.customer.UserAccount;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is calling, read from the verified access token (or the portal's session). A user of a customer account acts
 * for that customer, whichever user of it they are; their role in it ({@link AccountRole}) says what they may change.
 */
public record CurrentUser(UUID userId, Optional<UUID> customerId, boolean staff, AccountRole accountRole) {
    public static final String CUSTOMER_ID_CLAIM = "customerId";
    public static final String ACCOUNT_ROLE_CLAIM = "accountRole";

    public static CurrentUser of(Authentication authentication) {
        Object customer = authentication.getAttributes().get(CUSTOMER_ID_CLAIM);
        boolean staff = authentication.getRoles().contains(Role.OPS.name())
                || authentication.getRoles().contains(Role.ADMIN.name());
        return new CurrentUser(UUID.fromString(authentication.getName()),
                customer == null ? Optional.empty() : Optional.of(UUID.fromString(customer.toString())), staff,
                customer == null ? null : accountRoleOf(authentication));
    }

    /**
     * The caller's role in their customer account. Tokens issued before roles existed carry none: their users were
     * then their account's only user, its owner (and a role change or removal ends such tokens at once).
     */
    public static AccountRole accountRoleOf(Authentication authentication) {
        Object role = authentication.getAttributes().get(ACCOUNT_ROLE_CLAIM);
        return role == null ? AccountRole.OWNER : AccountRole.valueOf(role.toString());
    }

    /** The claims that say whose account a user acts for and as what; every way of signing in adds them. */
    public static void addAccountClaims(Map<String, Object> claims, UserAccount user) {
        if (user.customerId() != null) {
            claims.put(CUSTOMER_ID_CLAIM, user.customerId().toString());
            claims.put(ACCOUNT_ROLE_CLAIM, (user.accountRole() == null ? AccountRole.OWNER : user.accountRole())
                    .name());
        }
    }

    public UUID requireCustomer() {
        return customerId.orElseThrow(ApiProblems::notACustomer);
    }

    /** The caller's customer account, which they own (403 for a billing user). */
    public UUID requireOwner() {
        UUID customer = requireCustomer();
        if (accountRole != AccountRole.OWNER) {
            throw ApiProblems.accountRoleForbidden(accountRole);
        }
        return customer;
    }

    /** Staff see everything; a customer's users see only what is the customer's. */
    public boolean mayRead(UUID ownerCustomerId) {
        return staff || customerId.map(ownerCustomerId::equals).orElse(false);
    }
}
