package io.perennial.api.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;

/**
 * Stripe posts its events here. No access token: the credential is the {@code Stripe-Signature} header, an
 * HMAC-SHA256 of the raw body under the endpoint's signing secret, checked before anything is read.
 */
@Controller("/v1/webhooks/stripe")
@Secured(SecurityRule.IS_ANONYMOUS)
public class StripeWebhookController {

    static final String SIGNATURE_HEADER = "Stripe-Signature";

    private final StripeWebhooks webhooks;

    public StripeWebhookController(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    /**
     * One Stripe event. 200 when accepted (its effects are applied by a workflow), delivered before (nothing more is
     * done) or of a type Perennial ignores; 400 when the signature is missing, wrong or too old (audited; nothing is
     * done) or the body is not an event.
     */
    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(operationId = "receiveStripeEvent")
    @ProblemResponses.InvalidBody
    public StripeWebhooks.Receipt receive(@Body byte[] body, @Header(SIGNATURE_HEADER) @Nullable String signature) {
        return webhooks.receive(body, signature);
    }
}
