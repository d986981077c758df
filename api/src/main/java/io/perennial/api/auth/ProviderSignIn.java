package io.perennial.api.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.perennial.customer.OidcIdentityRepository;
import io.perennial.customer.Role;
import io.perennial.customer.UserAccount;
import io.perennial.customer.UserAccountRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Who a person signing in through an OpenID Connect provider is here. A subject already linked signs in as its
 * account. Otherwise only an email the provider says it has verified may name an account: it links the subject to
 * the customer with that email, or creates one. An unverified (or missing) email is refused, whether or not an
 * account has it: anyone can type someone else's address into a provider that does not check it, and so take over
 * their account here. Staff accounts are never linked (the portal is for customers).
 */
@Singleton
public class ProviderSignIn {

    private static final Logger log = LoggerFactory.getLogger(ProviderSignIn.class);

    /** What a provider's sign-in led to. */
    public sealed interface Outcome {
        record SignedIn(UserAccount user) implements Outcome {
        }

        /** Refused, with why: {@link #UNVERIFIED_EMAIL} or {@link #STAFF_ACCOUNT}. */
        record Refused(String reason) implements Outcome {
        }
    }

    public static final String UNVERIFIED_EMAIL = "unverified";
    public static final String STAFF_ACCOUNT = "staff";

    private final OidcIdentityRepository identities;
    private final UserAccountRepository users;
    private final AccountService accounts;

    public ProviderSignIn(OidcIdentityRepository identities, UserAccountRepository users, AccountService accounts) {
        this.identities = identities;
        this.users = users;
        this.accounts = accounts;
    }

    /** The provider's verified claims, as its ID token carried them. */
    @Transactional
    public Outcome signIn(String provider, String subject, @Nullable String email, @Nullable Boolean emailVerified,
                          @Nullable String name) {
        Optional<UserAccount> linked = identities.findByProviderAndSubject(provider, subject)
                .flatMap(identity -> users.findById(identity.userId()));
        if (linked.isPresent()) {
            return new Outcome.SignedIn(linked.get());
        }
        if (email == null || email.isBlank() || !Boolean.TRUE.equals(emailVerified)) {
            log.info("Refused a sign-in through {}: its email is not verified by the provider", provider);
            return new Outcome.Refused(UNVERIFIED_EMAIL);
        }
        UserAccount user = users.findByEmail(email.trim()).orElse(null);
        if (user != null && user.role() != Role.CUSTOMER) {
            return new Outcome.Refused(STAFF_ACCOUNT);
        }
        if (user == null) {
            user = accounts.registerWithoutPassword(email, name == null || name.isBlank()
                    ? email.substring(0, Math.max(1, email.indexOf('@'))) : name);
        }
        identities.link(UUID.randomUUID(), provider, subject, user.id(), Instant.now());
        // Of two racing first sign-ins only one link was made: sign in as whichever account it names.
        return new Outcome.SignedIn(identities.findByProviderAndSubject(provider, subject)
                .flatMap(identity -> users.findById(identity.userId())).orElse(user));
    }
}
