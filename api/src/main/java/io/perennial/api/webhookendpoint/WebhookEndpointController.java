package io.perennial.api.webhookendpoint;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.net.URI;
import java.util.List;

/** Outbound webhook endpoints (Standard Webhooks), their deliveries, retries and replays; admins only. */
@Controller("/v1/admin/webhook-endpoints")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class WebhookEndpointController {

    private final WebhookEndpoints endpoints;

    public WebhookEndpointController(WebhookEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** Answers with the signing secret, which is never shown again. */
    @Post
    @Operation(operationId = "createWebhookEndpoint")
    @Status(HttpStatus.CREATED)
    @ProblemResponses.InvalidBody
    public HttpResponse<WebhookEndpointView> create(Authentication authentication,
                                                    @Body @Valid CreateWebhookEndpointRequest request) {
        WebhookEndpointView created = endpoints.create(CurrentUser.of(authentication), request);
        return HttpResponse.created(created, URI.create("/v1/admin/webhook-endpoints/" + created.id()));
    }

    @Get
    @Operation(operationId = "listWebhookEndpoints")
    public List<WebhookEndpointView> list() {
        return endpoints.list();
    }

    @Get("/{id}")
    @Operation(operationId = "getWebhookEndpoint")
    @ProblemResponses.NotFound
    public WebhookEndpointView get(String id) {
        return endpoints.get(id);
    }

    @Patch("/{id}")
    @Operation(operationId = "updateWebhookEndpoint")
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    public WebhookEndpointView update(Authentication authentication, String id,
                                      @Body @Valid UpdateWebhookEndpointRequest request) {
        return endpoints.update(CurrentUser.of(authentication), id, request);
    }

    @Delete("/{id}")
    @Operation(operationId = "deleteWebhookEndpoint")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponses.NotFound
    public HttpResponse<Void> delete(Authentication authentication, String id) {
        endpoints.delete(CurrentUser.of(authentication), id);
        return HttpResponse.noContent();
    }

    /** A new secret, shown once; the old one keeps signing beside it for the overlap (default 24 h). */
    @Post("/{id}/rotate-secret")
    @Operation(operationId = "rotateWebhookEndpointSecret")
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    public WebhookEndpointView rotateSecret(Authentication authentication, String id,
                                            @Body @Nullable RotateSecretRequest request) {
        return endpoints.rotateSecret(CurrentUser.of(authentication), id, request == null ? null : request.overlap());
    }

    @Get("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries")
    @ProblemResponses.InvalidRequest
    @ProblemResponses.NotFound
    public DeliveryViews.DeliveryPage deliveries(String id,
                                                 @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit,
                                                 @QueryValue @Nullable String after) {
        return endpoints.deliveries(id, after, limit);
    }

    @Post("/{id}/deliveries/{deliveryId}/retry")
    @Operation(operationId = "retryWebhookDelivery")
    @Status(HttpStatus.ACCEPTED)
    @ProblemResponses.NotFound
    public DeliveryViews.DeliveryView retry(Authentication authentication, String id, String deliveryId) {
        return endpoints.retry(CurrentUser.of(authentication), id, deliveryId);
    }

    @Post("/{id}/replay")
    @Operation(operationId = "replayWebhookEvents")
    @Status(HttpStatus.ACCEPTED)
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    public DeliveryViews.Replay replay(Authentication authentication, String id, @Body @Valid ReplayRequest request) {
        return endpoints.replay(CurrentUser.of(authentication), id, request);
    }
}
