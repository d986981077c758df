package io.perennial.api.analytics;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.analytics.ExchangeRates;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.api.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The exchange rates the analytics convert with: one unit of the reporting currency is worth {@code rate} units of
 * the currency on the day (the ECB's convention). A day without its own rate uses the latest earlier one.
 */
@Controller("/v1/admin/exchange-rates")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class ExchangeRateAdminController {

    @Serdeable
    public record RateRequest(@NotNull @Positive BigDecimal rate) {
    }

    @Serdeable
    public record RateView(String currency, String date, BigDecimal rate, String source) {
        static RateView of(ExchangeRates.Rate rate) {
            return new RateView(rate.currency(), rate.rateDate().toString(), rate.rate(), rate.source());
        }
    }

    @Serdeable
    public record Rates(String reportingCurrency, List<RateView> items) {
    }

    private final ExchangeRates rates;
    private final String reportingCurrency;

    public ExchangeRateAdminController(ExchangeRates rates,
                                       @Value("${perennial.analytics.reporting-currency:EUR}") String reportingCurrency) {
        this.rates = rates;
        this.reportingCurrency = reportingCurrency;
    }

    @Serdeable
    public record Imported(int rates, @Nullable String firstDate, @Nullable String lastDate) {
    }

    /**
     * Imports the ECB's reference rates as published (the daily eurofxref.csv or the eurofxref-hist.csv history),
     * crossed through the euro when the reporting currency is another; a rate already set for a day is replaced.
     */
    @Post(value = "/ecb", consumes = {"text/csv", MediaType.ALL})
    @Operation(operationId = "importEcbExchangeRates")
    @ProblemResponses.InvalidBody
    public Imported importEcb(@Body String csv, @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType) {
        // Any type is let through routing so that security answers first (401/403, not 415), then checked here.
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv")) {
            throw new ProblemException(new Problem(ApiProblems.BASE + "unsupported-media-type",
                    "Unsupported media type", 415, "The body is the ECB's CSV, sent as text/csv", null, null));
        }
        List<EcbReferenceRates.Rate> parsed;
        try {
            parsed = EcbReferenceRates.parse(csv, reportingCurrency);
        } catch (EcbReferenceRates.Refused e) {
            throw ApiProblems.invalidField(null, e.getMessage());
        }
        for (EcbReferenceRates.Rate rate : parsed) {
            rates.put(rate.currency(), rate.date(), rate.rate(), "ecb");
        }
        return new Imported(parsed.size(),
                parsed.stream().map(EcbReferenceRates.Rate::date).min(LocalDate::compareTo).map(LocalDate::toString)
                        .orElse(null),
                parsed.stream().map(EcbReferenceRates.Rate::date).max(LocalDate::compareTo).map(LocalDate::toString)
                        .orElse(null));
    }

    /** Sets (or replaces) a currency's rate for a day. */
    @Put("/{currency}/{date}")
    @Operation(operationId = "putExchangeRate")
    @ProblemResponses.InvalidBody
    public RateView put(String currency, String date, @Body @Valid RateRequest request) {
        String code = currency(currency);
        LocalDate day = date(date);
        BigDecimal rate = request.rate().setScale(8, java.math.RoundingMode.HALF_EVEN);
        if (rate.signum() <= 0 || rate.precision() > 20) {
            throw ApiProblems.invalidField("/rate", "rate is a positive number with at most 12 digits before the point");
        }
        rates.put(code, day, rate, "admin");
        return new RateView(code, day.toString(), rate, "admin");
    }

    @Get
    @Operation(operationId = "listExchangeRates")
    @ProblemResponses.InvalidRequest
    public Rates list(@QueryValue @Nullable String from, @QueryValue @Nullable String to) {
        AnalyticsRange range = AnalyticsRange.of(from, to, "day", AnalyticsRange.MAX_REPORT_DAYS);
        return new Rates(reportingCurrency, rates.between(range.from(), range.to()).stream().map(RateView::of)
                .toList());
    }

    private String currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}") || code.equals(reportingCurrency)) {
            throw ApiProblems.invalidField("currency", "currency is an ISO 4217 code other than the reporting "
                    + "currency " + reportingCurrency + ": " + code);
        }
        try {
            java.util.Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw ApiProblems.invalidField("currency", "Unknown ISO 4217 currency " + code);
        }
        return code;
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiProblems.invalidField("date", "date is an ISO date such as 2027-01-31: " + value);
        }
    }
}
