package io.perennial.api.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.subscription.SubscriptionChanges;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** Operations on renewals, for staff only. */
@Controller("/v1/ops/renewals")
@Secured({"OPS", "ADMIN"})
public class RenewalOpsController {

    private final SubscriptionChanges changes;

    public RenewalOpsController(SubscriptionChanges changes) {
        this.changes = changes;
    }

    /** @param reason why ops retries now, e.g. {@code provider_recovered}; kept in the workflow's log */
    @Serdeable
    public record RetryRequest(@Nullable @Size(max = 64) @Pattern(regexp = "[a-z0-9_]+") String reason) {
    }

    /** Charges a past-due subscription's overdue invoice now instead of at its next scheduled retry. */
    @Post("/{subscriptionId}/retry")
    public HttpResponse<Void> retryNow(Authentication authentication, UUID subscriptionId,
                                       @Body @Nullable @Valid RetryRequest request) {
        changes.retryPayment(CurrentUser.of(authentication), subscriptionId,
                request == null || request.reason() == null ? "ops_retry" : request.reason());
        return HttpResponse.accepted();
    }
}
