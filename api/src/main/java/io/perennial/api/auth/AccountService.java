package io.perennial.api.auth;

import io.micronaut.transaction.annotation.Transactional;
import io.perennial.api.problem.ApiProblems;
import io.perennial.customer.Customer;
import io.perennial.customer.CustomerRepository;
import io.perennial.customer.Role;
import io.perennial.customer.UserAccount;
import io.perennial.customer.UserAccountRepository;
import io.perennial.event.EventLog;
import io.perennial.event.EventObjects;
import io.perennial.event.EventType;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class AccountService {

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final CustomerRepository customers;
    private final UserAccountRepository users;
    private final PasswordHasher hasher;
    private final SessionTokens sessions;
    private final LoginThrottle throttle;
    private final PasswordPolicy passwords;
    private final RefreshTokens refreshTokens;
    private final TokenVersions versions;
    private final EventLog events;

    public AccountService(CustomerRepository customers, UserAccountRepository users, PasswordHasher hasher,
                          SessionTokens sessions, LoginThrottle throttle, PasswordPolicy passwords,
                          RefreshTokens refreshTokens, TokenVersions versions, EventLog events) {
        this.events = events;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
        this.versions = versions;
        this.customers = customers;
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    /** Creates a customer, the account it signs in with and its customer.created event, all or none. */
    @Transactional
    public CustomerView register(RegisterRequest request) {
        String email = request.email().trim();
        passwords.check(request.password(), email);
        if (users.findByEmail(email).isPresent()) {
            throw ApiProblems.emailTaken();
        }
        Instant now = Instant.now();
        Customer customer = customers.save(new Customer(UUID.randomUUID(), email, request.name().trim(), now));
        users.save(new UserAccount(UUID.randomUUID(), email, hasher.hash(request.password()), Role.CUSTOMER,
                customer.id(), now));
        CustomerView view = view(customer);
        events.record(EventType.CUSTOMER_CREATED, customer.id().toString(), "created", customer.createdAt(),
                EventObjects.customer(customer, view.referralCode()));
        return view;
    }

    /**
     * A customer who arrives through an OpenID Connect provider with a verified email and no account yet. The
     * password is a random one nobody knows, so the account signs in through the provider (or after "forgot
     * password" sets one).
     */
    @Transactional
    public UserAccount registerWithoutPassword(String email, String name) {
        byte[] unknowable = new byte[32];
        RANDOM.nextBytes(unknowable);
        Instant now = Instant.now();
        Customer customer = customers.save(new Customer(UUID.randomUUID(), email.trim(), name.trim(), now));
        UserAccount user = users.save(new UserAccount(UUID.randomUUID(), email.trim(),
                hasher.hash(java.util.HexFormat.of().formatHex(unknowable)), Role.CUSTOMER, customer.id(), now));
        events.record(EventType.CUSTOMER_CREATED, customer.id().toString(), "created", customer.createdAt(),
                EventObjects.customer(customer, view(customer).referralCode()));
        return user;
    }

    public CustomerView customer(CurrentUser caller) {
        UUID customerId = caller.requireCustomer();
        return customers.findById(customerId).map(this::view)
                .orElseThrow(() -> ApiProblems.notFound("Customer", customerId));
    }

    private CustomerView view(Customer customer) {
        return new CustomerView(customer.id(), customer.email(), customer.name(),
                customers.findReferralCode(customer.id()).orElse(null));
    }

    /** Creates a staff account (ops or admin); only embedded-mode seeding and admins call this. */
    @Transactional
    public UserAccount createStaff(String email, String password, Role role) {
        if (role == Role.CUSTOMER) {
            throw new IllegalArgumentException("customers register themselves");
        }
        return users.findByEmail(email).orElseGet(() -> users.save(
                new UserAccount(UUID.randomUUID(), email, hasher.hash(password), role, null, Instant.now())));
    }

    public TokenResponse login(LoginRequest request, String clientAddress) {
        return sessions.signIn(verify(request, clientAddress));
    }

    /**
     * The account whose email and password these are, under the same throttle and the same refusals as the login
     * API; the portal starts its cookie session with it.
     */
    public UserAccount verify(LoginRequest request, String clientAddress) {
        throttle.check(request.email(), clientAddress);
        Optional<UserAccount> account = users.findByEmail(request.email().trim());
        if (account.isEmpty()) {
            hasher.burnTime(request.password());
            throttle.failed(request.email(), clientAddress);
            throw ApiProblems.invalidCredentials();
        }
        UserAccount user = account.get();
        if (!hasher.matches(request.password(), user.passwordHash())) {
            throttle.failed(request.email(), clientAddress);
            throw ApiProblems.invalidCredentials();
        }
        throttle.succeeded(request.email());
        return user;
    }

    /** The customer's display name; the email stays the sign-in identity. */
    @Transactional
    public CustomerView rename(CurrentUser caller, String name) {
        UUID customerId = caller.requireCustomer();
        Customer customer = customers.findById(customerId)
                .orElseThrow(() -> ApiProblems.notFound("Customer", customerId));
        return view(customers.update(new Customer(customer.id(), customer.email(), name.trim(), customer.createdAt())));
    }

    /**
     * A new password, given the current one. Every sign-in made with the old password ends: refresh tokens are
     * revoked and access tokens lapse (their token version is stale); the portal ends its own sessions too.
     */
    @Transactional
    public void changePassword(CurrentUser caller, String currentPassword, String newPassword) {
        UserAccount user = users.findById(caller.userId())
                .orElseThrow(() -> ApiProblems.notFound("User", caller.userId()));
        if (!hasher.matches(currentPassword, user.passwordHash())) {
            throw ApiProblems.invalidCredentials();
        }
        passwords.check(newPassword, user.email());
        users.updatePasswordHash(user.id(), hasher.hash(newPassword));
        refreshTokens.revokeAllOf(user.id());
        versions.revokeAccessTokens(user.id());
    }
}
