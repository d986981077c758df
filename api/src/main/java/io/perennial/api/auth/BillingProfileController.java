package io.perennial.api.auth;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.customer.BillingProfiles;
import jakarta.validation.Valid;

import java.time.Instant;

/**
 * The signed-in customer's billing profile: individual or company, billing address (its country decides the tax),
 * and a company's VAT id, verified with the registry when saved.
 */
@Controller("/v1/customers/me/billing-profile")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class BillingProfileController {

    private final BillingProfiles profiles;

    public BillingProfileController(BillingProfiles profiles) {
        this.profiles = profiles;
    }

    @Get
    public BillingProfileView get(Authentication authentication) {
        return BillingProfileView.of(profiles.get(CurrentUser.of(authentication).requireCustomer()), null);
    }

    /**
     * Replaces the profile. A VAT id of the wrong shape is a 400 validation problem on {@code /taxId}; one the
     * registry says is not registered a 422 {@code tax-id-not-registered}; a registry that cannot answer saves it
     * UNVERIFIED.
     */
    @Put
    @ProblemResponses.InvalidBody
    @ProblemResponses.Unprocessable
    public BillingProfileView put(Authentication authentication, @Body @Valid BillingProfileRequest request) {
        try {
            BillingProfiles.Saved saved = profiles.save(CurrentUser.of(authentication).requireCustomer(),
                    request.change(), Instant.now());
            return BillingProfileView.of(saved.profile(), saved.taxIdNote());
        } catch (BillingProfiles.Refused refused) {
            throw refused.registry() ? ApiProblems.taxIdNotRegistered(refused.getMessage())
                    : ApiProblems.invalidField(refused.pointer(), refused.getMessage());
        }
    }
}
