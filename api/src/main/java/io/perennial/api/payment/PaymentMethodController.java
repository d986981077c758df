package io.perennial.api.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.auth.BillingUsersMay;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.idempotency.IdempotentRequests;
import io.perennial.api.payment.PaymentMethodRequests.PaymentMethodList;
import io.perennial.api.payment.PaymentMethodRequests.PaymentMethodView;
import io.perennial.api.payment.PaymentMethodRequests.SavePaymentMethod;
import io.perennial.api.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.UUID;

/**
 * A customer's saved payment methods. Saving is idempotent with {@code Idempotency-Key}; each method is the
 * owner's alone (another customer's id answers 404 like a missing one); its id can stand for the token wherever a
 * {@code paymentMethod} is asked for. Removing one does not stop a subscription already charging it. The rules are
 * {@link PaymentMethodService}'s, which the portal's page calls too.
 */
@BillingUsersMay
@Controller("/v1/payment-methods")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class PaymentMethodController {

    private final PaymentMethodService methods;
    private final IdempotentRequests idempotency;

    public PaymentMethodController(PaymentMethodService methods, IdempotentRequests idempotency) {
        this.methods = methods;
        this.idempotency = idempotency;
    }

    @Post
    @ApiResponse(responseCode = "201", description = "Saved (or the first answer again, for a retry with the same "
            + "Idempotency-Key)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PaymentMethodView.class)))
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    public HttpResponse<?> save(Authentication authentication, @Body @Valid SavePaymentMethod request,
                                @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey) {
        CurrentUser caller = CurrentUser.of(authentication);
        UUID customerId = caller.requireCustomer();
        return idempotency.run(caller.userId().toString(), "POST /v1/payment-methods", idempotencyKey, request,
                () -> {
                    PaymentMethodView saved = methods.save(customerId, request.token(), request.label());
                    return HttpResponse.created(saved, URI.create("/v1/payment-methods/" + saved.id()));
                });
    }

    @Get
    public PaymentMethodList mine(Authentication authentication) {
        return new PaymentMethodList(methods.mine(CurrentUser.of(authentication).requireCustomer()));
    }

    @Get("/{id}")
    @ProblemResponses.NotFound
    public PaymentMethodView one(Authentication authentication, String id) {
        return methods.one(CurrentUser.of(authentication).requireCustomer(), id);
    }

    /** Makes it the caller's default (listed first, offered first); the previous default stays saved. */
    @Post("/{id}/default")
    @ProblemResponses.NotFound
    public PaymentMethodView makeDefault(Authentication authentication, String id) {
        return methods.makeDefault(CurrentUser.of(authentication).requireCustomer(), id);
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponses.NotFound
    public HttpResponse<Void> remove(Authentication authentication, String id) {
        methods.remove(CurrentUser.of(authentication).requireCustomer(), id);
        return HttpResponse.noContent();
    }
}
