package io.perennial.api.auth;

import io.micronaut.security.authentication.Authentication;
import io.perennial.api.problem.ApiProblems;
import io.perennial.customer.Role;

import java.util.Optional;
import java.util.UUID;

/** Who is calling, read from the verified access token. */
public record CurrentUser(UUID userId, Optional<UUID> customerId, boolean staff) {
    public static final String CUSTOMER_ID_CLAIM = "customerId";

    public static CurrentUser of(Authentication authentication) {
        Object customer = authentication.getAttributes().get(CUSTOMER_ID_CLAIM);
        boolean staff = authentication.getRoles().contains(Role.OPS.name())
                || authentication.getRoles().contains(Role.ADMIN.name());
        return new CurrentUser(UUID.fromString(authentication.getName()),
                customer == null ? Optional.empty() : Optional.of(UUID.fromString(customer.toString())), staff);
    }

    public UUID requireCustomer() {
        return customerId.orElseThrow(ApiProblems::notACustomer);
    }

    /** Staff see everything; a customer sees only what is theirs. */
    public boolean mayRead(UUID ownerCustomerId) {
        return staff || customerId.map(ownerCustomerId::equals).orElse(false);
    }
}
