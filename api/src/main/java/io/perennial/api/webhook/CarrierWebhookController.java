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
import io.perennial.shipping.CarrierWebhookEvent;
import io.perennial.shipping.CarrierWebhookSignature;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

/**
 * The carrier posts tracking events here. No access token: the credential is the HMAC-SHA256 signature over the
 * raw body in {@code X-Carrier-Signature} (docs/api.md), checked before anything is read.
 */
@Controller("/v1/webhooks/carrier")
@Secured(SecurityRule.IS_ANONYMOUS)
public class CarrierWebhookController {

    private final CarrierWebhooks webhooks;

    public CarrierWebhookController(CarrierWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    /**
     * One tracking event. 200 when it reached its order, or was delivered before (duplicates change nothing);
     * 401 when the signature is missing, wrong or too old (nothing is done); 404 for a tracking number no order
     * has (the carrier retries, so an event that outruns its booking is delivered once the booking is recorded).
     */
    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(operationId = "receiveCarrierEvent")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CarrierWebhookEvent.class)))
    @ProblemResponses.InvalidBody
    @ProblemResponses.SignatureRefused
    @ProblemResponses.NotFound
    public CarrierWebhooks.Receipt receive(@Body byte[] body,
                                           @Header(CarrierWebhookSignature.HEADER) @Nullable String signature) {
        return webhooks.receive(body, signature);
    }
}
