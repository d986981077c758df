package io.perennial.api.analytics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.analytics.AnalyticsLedger;
import io.perennial.analytics.OrderFacts;
import io.perennial.api.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import java.time.ZoneOffset;
import java.util.List;

/**
 * Revenue analytics for admins (docs/analytics.md), from the daily facts the roll-up writes: MRR, its movements,
 * churn, dunning and cancellations per day or month, and cohort retention. Each answers JSON, or CSV with
 * {@code Accept: text/csv}; amounts are integer minor units of the reporting currency.
 */
@Controller("/v1/admin/analytics")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
@ProblemResponses.InvalidRequest
public class AnalyticsAdminController {

    /** 200: a report as JSON (a {@link Report} of rows) or, with {@code Accept: text/csv}, the same rows as CSV. */
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "200", description = "The report's rows: JSON, or CSV with Accept: text/csv",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Report.class)),
                    @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = "string"))})
    @interface ReportResponse {
    }

    /** A report: its range and rows, in the reporting currency. */
    @Serdeable
    public record Report<T>(String from, String to, String interval, String reportingCurrency, List<T> items) {
    }

    /** Of the subscribers who started paying in {@code cohort} (a month), how many still paid k months later. */
    @Serdeable
    public record CohortRow(String cohort, int monthsSinceStart, int subscribers, int retained,
                            @Nullable Integer retentionBp) {
    }

    private final RevenueReports reports;
    private final AnalyticsLedger ledger;
    private final OrderFacts orderFacts;
    private final String reportingCurrency;

    public AnalyticsAdminController(RevenueReports reports, AnalyticsLedger ledger, OrderFacts orderFacts) {
        this.orderFacts = orderFacts;
        this.reports = reports;
        this.ledger = ledger;
        this.reportingCurrency = reports.reportingCurrency();
    }

    @Get("/mrr")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @ReportResponse
    @Operation(operationId = "analyticsMrr", description = "MRR and ARR at the end of each day or month, with paying "
            + "customers, active subscribers and trials. CSV with Accept: text/csv.")
    public HttpResponse<?> mrr(@QueryValue @Nullable String from, @QueryValue @Nullable String to,
                               @QueryValue @Nullable String interval,
                               @Header(HttpHeaders.ACCEPT) @Nullable String accept) {
        return answer(from, to, interval, accept, AnalyticsReport.MrrRow.class, AnalyticsReport::mrr);
    }

    @Get("/movements")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @ReportResponse
    @Operation(operationId = "analyticsMovements", description = "MRR movements per day or month: new, "
            + "reactivated, expansion, contraction, churned. CSV with Accept: text/csv.")
    public HttpResponse<?> movements(@QueryValue @Nullable String from, @QueryValue @Nullable String to,
                                     @QueryValue @Nullable String interval,
                                     @Header(HttpHeaders.ACCEPT) @Nullable String accept) {
        return answer(from, to, interval, accept, AnalyticsReport.MovementRow.class, AnalyticsReport::movements);
    }

    @Get("/churn")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @ReportResponse
    @Operation(operationId = "analyticsChurn", description = "Logo and revenue churn, net revenue retention, "
            + "voluntary and involuntary cancellations, trial conversion, per month by default. CSV with "
            + "Accept: text/csv.")
    public HttpResponse<?> churn(@QueryValue @Nullable String from, @QueryValue @Nullable String to,
                                 @QueryValue @Nullable String interval,
                                 @Header(HttpHeaders.ACCEPT) @Nullable String accept) {
        return answer(from, to, interval == null ? "month" : interval, accept, AnalyticsReport.ChurnRow.class,
                AnalyticsReport::churn);
    }

    @Get("/dunning")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @ReportResponse
    @Operation(operationId = "analyticsDunning", description = "Failed charges, recovered invoices and revenue, "
            + "lost invoices and the recovery rate, per day or month. CSV with Accept: text/csv.")
    public HttpResponse<?> dunning(@QueryValue @Nullable String from, @QueryValue @Nullable String to,
                                   @QueryValue @Nullable String interval,
                                   @Header(HttpHeaders.ACCEPT) @Nullable String accept) {
        return answer(from, to, interval, accept, AnalyticsReport.DunningRow.class, AnalyticsReport::dunning);
    }

    @Get("/cancellations")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @ReportResponse
    @Operation(operationId = "analyticsCancellations", description = "Cancellations per reason, voluntary or "
            + "not (payment_failed), per day or month. CSV with Accept: text/csv.")
    public HttpResponse<?> cancellations(@QueryValue @Nullable String from, @QueryValue @Nullable String to,
                                         @QueryValue @Nullable String interval,
                                         @Header(HttpHeaders.ACCEPT) @Nullable String accept) {
        return answer(from, to, interval, accept, AnalyticsReport.CancellationRow.class,
                AnalyticsReport::cancellations);
    }

    @Get("/orders")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @ReportResponse
    @Operation(operationId = "analyticsOrders", description = "One-off orders paid, their revenue and refunds, per "
            + "day or month. CSV with Accept: text/csv.")
    public HttpResponse<?> orders(@QueryValue @Nullable String from, @QueryValue @Nullable String to,
                                  @QueryValue @Nullable String interval,
                                  @Header(HttpHeaders.ACCEPT) @Nullable String accept) {
        AnalyticsRange range = AnalyticsRange.of(from, to, interval, AnalyticsRange.MAX_REPORT_DAYS);
        return respond(range, accept, OrderReport.OrderRow.class, OrderReport.revenue(
                orderFacts.orders(range.from(), range.to()), range.periods(), reportingCurrency));
    }

    @Get("/orders/units")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @ReportResponse
    @Operation(operationId = "analyticsOrderUnits", description = "Units per SKU of orders paid (ORDER) and of "
            + "subscription boxes due (BOX), per day or month. CSV with Accept: text/csv.")
    public HttpResponse<?> orderUnits(@QueryValue @Nullable String from, @QueryValue @Nullable String to,
                                      @QueryValue @Nullable String interval,
                                      @Header(HttpHeaders.ACCEPT) @Nullable String accept) {
        AnalyticsRange range = AnalyticsRange.of(from, to, interval, AnalyticsRange.MAX_REPORT_DAYS);
        return respond(range, accept, OrderReport.SkuRow.class,
                OrderReport.units(orderFacts.units(range.from(), range.to()), range.periods()));
    }

    @Get("/cohorts")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @ReportResponse
    @Operation(operationId = "analyticsCohorts", description = "Subscribers by the month they started paying × "
            + "months since, with how many still pay; cohorts of months from..to. CSV with Accept: text/csv.")
    public HttpResponse<?> cohorts(@QueryValue @Nullable String from, @QueryValue @Nullable String to,
                                   @Header(HttpHeaders.ACCEPT) @Nullable String accept) {
        AnalyticsRange range = AnalyticsRange.of(from, to, "month", AnalyticsRange.MAX_REPORT_DAYS);
        List<AnalyticsLedger.CohortCell> cells = ledger.cohorts(range.from().withDayOfMonth(1),
                range.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        List<CohortRow> rows = cells.stream().map(cell -> new CohortRow(
                java.time.YearMonth.from(cell.cohort()).toString(), cell.monthsSinceStart(), cell.subscribers(),
                cell.retained(), DayTotal.basisPoints(cell.retained(), cell.subscribers()))).toList();
        return respond(range, accept, CohortRow.class, rows);
    }

    private <T extends Record> HttpResponse<?> answer(String from, String to, String interval, String accept,
                                                      Class<T> type,
                                                      ReportFunction<T> rows) {
        AnalyticsRange range = AnalyticsRange.of(from, to, interval, AnalyticsRange.MAX_REPORT_DAYS);
        return respond(range, accept, type, rows.apply(reports.of(range.from(), range.to()), range.periods()));
    }

    private <T extends Record> HttpResponse<?> respond(AnalyticsRange range, String accept, Class<T> type,
                                                       List<T> rows) {
        if (accept != null && accept.contains(Csv.MEDIA_TYPE)) {
            return HttpResponse.ok(Csv.of(type, rows)).contentType(Csv.MEDIA_TYPE);
        }
        return HttpResponse.ok(new Report<>(range.from().toString(), range.to().toString(),
                range.interval().name().toLowerCase(java.util.Locale.ROOT), reportingCurrency, rows))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @FunctionalInterface
    private interface ReportFunction<T> {
        List<T> apply(AnalyticsReport report, List<ReportingPeriod> periods);
    }
}
