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

    public CouponAdminController(CouponRepository coupons) {
        this.coupons = coupons;
    }

    @Post
    @Operation(operationId = "createCoupon")
    @Status(HttpStatus.CREATED)
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    public HttpResponse<CouponView> create(@Body @Valid CreateCouponRequest request) {
        if (coupons.findByCode(request.code()).isPresent()) {
            throw ApiProblems.couponExists(Coupon.normalize(request.code()));
        }
        Coupon saved = coupons.save(Coupon.create(request.code(), request.name(), request.percentOffBasisPoints(),
                request.amountOffMinor(), request.currency(), request.duration(), request.durationPeriods(),
                request.maxRedemptions(), request.expiresAt(), Instant.now()));
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
    public HttpResponse<Void> deactivate(String code) {
        if (coupons.deactivate(code) == 0) {
            throw ApiProblems.notFound("Coupon", Coupon.normalize(code));
        }
        return HttpResponse.noContent();
    }
}
