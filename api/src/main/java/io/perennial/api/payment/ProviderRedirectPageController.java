package io.perennial.api.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;
import io.perennial.api.problem.ProblemException;
import io.perennial.payment.RedirectPageSession;
import io.swagger.v3.oas.annotations.Hidden;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Currency;
import java.util.Map;

/**
 * The simulated provider's hosted page of a redirect payment ({@code /provider/redirects/{reference}}): in real life
 * Alipay's or WeChat Pay's site, so no Perennial sign-in; the random reference in the address is the customer's
 * alone. Approve or Fail, then back to the merchant's return URL; the confirmation follows asynchronously.
 */
@Controller("/provider/redirects/{reference}")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class ProviderRedirectPageController {

    /** The customer's answer on the provider's page. */
    @Serdeable
    public record Answer(@Nullable String outcome) {
    }

    private static final java.time.format.DateTimeFormatter EXPIRY = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

    private final ProviderRedirectPage page;

    public ProviderRedirectPageController(ProviderRedirectPage page) {
        this.page = page;
    }

    @Get(produces = MediaType.TEXT_HTML)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> show(String reference) {
        try {
            RedirectPageSession session = page.session(reference);
            return HttpResponse.ok(new ModelAndView<>("provider/redirect", Map.of("session", session,
                    "methodName", "wechat_pay".equals(session.method()) ? "WeChat Pay" : "Alipay",
                    "amount", amount(session), "expires", EXPIRY.format(session.expiresAt()))));
        } catch (ProblemException unknown) {
            return HttpResponse.notFound("No such payment session.").contentType(MediaType.TEXT_PLAIN);
        }
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> answer(String reference, @Body Answer answer) {
        String outcome = answer.outcome() == null ? "" : answer.outcome();
        if (!outcome.equals("approve") && !outcome.equals("fail")) {
            return HttpResponse.badRequest("outcome must be approve or fail").contentType(MediaType.TEXT_PLAIN);
        }
        try {
            RedirectPageSession answered = page.answer(reference, outcome.equals("approve"));
            return HttpResponse.seeOther(URI.create(answered.returnUrl()));
        } catch (ProblemException unknown) {
            return HttpResponse.notFound("No such payment session.").contentType(MediaType.TEXT_PLAIN);
        }
    }

    private static String amount(RedirectPageSession session) {
        int digits = Math.max(0, Currency.getInstance(session.currency()).getDefaultFractionDigits());
        return BigDecimal.valueOf(session.amountMinor(), digits).toPlainString() + " " + session.currency();
    }

}
