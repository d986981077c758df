package io.perennial.api.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.auth.BillingUsersMay;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.idempotency.IdempotentRequests;
import io.perennial.api.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.UUID;

/**
 * The customer pays a sent invoice by Alipay or WeChat Pay ({@link InvoicePayments}): 201 with where to send them.
 * A retry with the same Idempotency-Key answers the first response; without one, asking again still gives the same
 * session while it lasts.
 */
@Controller("/v1/invoices/{id}/payments")
@Secured(SecurityRule.IS_AUTHENTICATED)
@BillingUsersMay
@ProblemResponses.Unauthenticated
public class InvoicePaymentController {

    /**
     * @param method    {@code alipay} or {@code wechat_pay}
     * @param returnUrl where the provider sends the customer back (default: the portal's page of the invoice)
     */
    @Serdeable
    public record StartInvoicePaymentRequest(@NotNull @Pattern(regexp = "alipay|wechat_pay") String method,
                                             @Nullable @Size(max = 2000) @Pattern(regexp = "https?://\\S+")
                                             String returnUrl) {
    }

    private final InvoicePayments payments;
    private final IdempotentRequests idempotency;

    public InvoicePaymentController(InvoicePayments payments, IdempotentRequests idempotency) {
        this.payments = payments;
        this.idempotency = idempotency;
    }

    @Post
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "startInvoicePayment")
    @ApiResponse(responseCode = "201", description = "The provider's session: send the customer to redirectUrl",
            content = @Content(schema = @Schema(implementation = RedirectPaymentView.class)))
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    @ProblemResponses.PaymentProviderUnavailable
    public HttpResponse<?> start(Authentication authentication, UUID id,
                                 @Body @Valid StartInvoicePaymentRequest request,
                                 @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey) {
        CurrentUser caller = CurrentUser.of(authentication);
        return idempotency.run(caller.userId().toString(), "POST /v1/invoices/" + id + "/payments", idempotencyKey,
                request, () -> HttpResponse.created(payments.start(caller, id, request.method(), request.returnUrl()),
                        URI.create("/v1/invoices/" + id)));
    }
}
