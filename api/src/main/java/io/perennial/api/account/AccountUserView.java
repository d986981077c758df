package io.perennial.api.account;

import io.micronaut.serde.annotation.Serdeable;
import io.perennial.customer.AccountRole;
import io.perennial.customer.UserAccount;

import java.time.Instant;

/** A user of a customer account: who signs in and what they may do there. */
@Serdeable
public record AccountUserView(String id, String email, AccountRole role, Instant addedAt) {

    static AccountUserView of(UserAccount user) {
        return new AccountUserView(user.id().toString(), user.email(), user.accountRole(), user.createdAt());
    }
}
