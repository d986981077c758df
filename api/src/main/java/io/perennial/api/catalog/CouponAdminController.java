package io.perennial.api.catalog;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.perennial.api.audit.AuditTrail;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.billing.Coupon;
import io.perennial.billing.CouponRepository;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Admins create, list and retire coupons; redemptions happen in the subscription workflows. */
@Controller("/v1/admin/coupons")
@Secured("ADMIN")
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class CouponAdminController {

    private final CouponRepository coupons;
    private final AuditTrail audit;

    public CouponAdminController(CouponRepository coupons, AuditTrail audit) {
        this.coupons = coupons;
        this.audit = audit;
    }

    @Post
    @Operation(operationId = "createCoupon")
    @Status(HttpStatus.CREATED)
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    public HttpResponse<CouponView> create(Authentication authentication, @Body @Valid CreateCouponRequest request) {
        String[] inconsistency = request.inconsistency(Instant.now());
        if (inconsistency != null) {
            throw ApiProblems.invalidField(inconsistency[0], inconsistency[1]);
        }
        if (coupons.findByCode(request.code()).isPresent()) {
            throw ApiProblems.couponExists(Coupon.normalize(request.code()));
        }
        Coupon saved = audit.change(authentication, "coupon.created", "coupon:" + Coupon.normalize(request.code()),
                null, () -> coupons.save(Coupon.create(request.code(), request.name(),
                        request.percentOffBasisPoints(), request.amountOffMinor(), request.currency(),
                        request.duration(), request.durationPeriods(), request.maxRedemptions(), request.expiresAt(),
                        Instant.now())), CouponAdminController::terms);
        return HttpResponse.created(CouponView.of(saved), URI.create("/v1/admin/coupons/" + saved.code()));
    }

    @Get
    @Operation(operationId = "listCoupons")
    public List<CouponView> list() {
        return coupons.findAllNewestFirst().stream().map(CouponView::of).toList();
    }

    /** Retires a coupon: no new redemptions; subscriptions that already have it keep their discount. */
    @Delete("/{code}")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponses.NotFound
    public HttpResponse<Void> deactivate(Authentication authentication, String code) {
        audit.change(authentication, "coupon.deactivated", "coupon:" + Coupon.normalize(code), null, () -> {
            if (coupons.deactivate(code) == 0) {
                throw ApiProblems.notFound("Coupon", Coupon.normalize(code));
            }
            return code;
        }, deactivated -> "deactivated");
        return HttpResponse.noContent();
    }

    /** What an audit entry says of a new coupon, e.g. {@code 10% off} or {@code 500 EUR off}. */
    private static String terms(Coupon coupon) {
        return coupon.percentOffBp() != null ? coupon.percentOffBp() / 100.0 + "% off"
                : coupon.amountOffMinor() + " " + coupon.currency() + " off";
    }
}
