package io.perennial.api.problem;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem responses of the OpenAPI document, one annotation per status, for a controller (every operation) or
 * an operation. Each answers {@code application/problem+json} with the {@link Problem} schema; the {@code type}
 * says which kind (docs/api.md lists them). RouteAccessTest checks the 401, 403 and 404 against what the API does.
 */
public final class ProblemResponses {
    private ProblemResponses() {
    }

    /** 400: a parameter is invalid. */
    @Retention(RetentionPolicy.CLASS)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "400", description = "A parameter is invalid (validation, bad-request)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface InvalidRequest {
    }

    /** 400, 413 and 415: what a JSON request body can be refused for. */
    @Retention(RetentionPolicy.CLASS)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "400", description = "A field or parameter is invalid, each listed in errors "
            + "(validation), an unknown field is sent (validation), or the body is not JSON (malformed-json)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "413", description = "The body is over 1 MB (payload-too-large)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "415", description = "The body is not application/json (unsupported-media-type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface InvalidBody {
    }

    /** 401: the operation needs an access token. */
    @Retention(RetentionPolicy.CLASS)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "401", description = "No, expired or invalid access token (unauthenticated)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Unauthenticated {
    }

    /** 401: a webhook whose signature is missing, wrong or too old (the signature is its credential). */
    @Retention(RetentionPolicy.CLASS)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "401", description = "The signature is missing, does not match the body, or its "
            + "timestamp is outside the tolerance (invalid-signature); nothing was done",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface SignatureRefused {
    }

    /** 403: the caller's role may not do this. */
    @Retention(RetentionPolicy.CLASS)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "403", description = "The caller's role may not do this (forbidden, not-a-customer)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Forbidden {
    }

    /** 404: the path names nothing the caller may see; another customer's resource answers exactly the same. */
    @Retention(RetentionPolicy.CLASS)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "404", description = "No such resource, or not yours (not-found)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface NotFound {
    }

    /** 409: the resource's state does not allow the request now. */
    @Retention(RetentionPolicy.CLASS)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "409", description = "The resource's state does not allow this now, or it exists "
            + "already (change-not-allowed, subscription-ended, nothing-to-retry, nothing-to-reset, email-taken, "
            + "coupon-exists, coupon-unavailable, already-exists, idempotency-key-in-use, over-receipt, "
            + "receipt-refused)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Conflict {
    }

    /** 422: well-formed, but names something that cannot be used. */
    @Retention(RetentionPolicy.CLASS)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "422", description = "Well-formed but not usable (unknown-plan, currency-not-offered, "
            + "coupon-rejected, unknown-referral-code, invalid-catalog-change, invalid-reference, mixed-currencies, "
            + "idempotency-key-reused, invalid-query, delay-out-of-range, charge-now-with-trial, payment-method-unavailable)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Unprocessable {
    }

    /** 402: a charge the change needed was declined. */
    @Retention(RetentionPolicy.CLASS)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "402", description = "The charge for the change was declined; nothing changed "
            + "(payment-declined)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface PaymentDeclined {
    }

    /** 503: the payment provider could not take the charge the change needed; nothing changed. */
    @Retention(RetentionPolicy.CLASS)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "503", description = "The payment provider did not take the charge the change needed; "
            + "nothing changed and nothing was charged. Retry-After says when to try again "
            + "(payment-provider-unavailable)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface PaymentProviderUnavailable {
    }

    /** 503: an ops refund whose provider has not answered within 20 s; the refund goes on. */
    @Retention(RetentionPolicy.CLASS)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "503", description = "The provider has not answered within 20 s; the refund goes on "
            + "(refund-pending, with Retry-After)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface RefundPending {
    }

    /** 429: login throttling. */
    @Retention(RetentionPolicy.CLASS)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "429", description = "Too many failed logins for the account or from the address; "
            + "Retry-After says when to try again (too-many-logins)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface TooManyLogins {
    }
}
