package io.perennial.api.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.auth.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Controller("/v1/subscriptions")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class SubscriptionController {

    private final SubscriptionService subscriptions;

    public SubscriptionController(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Post
    public HttpResponse<SubscriptionView> subscribe(Authentication authentication,
                                                    @Body @Valid CreateSubscriptionRequest request) {
        SubscriptionView created = subscriptions.subscribe(CurrentUser.of(authentication), request);
        return HttpResponse.created(created, URI.create("/v1/subscriptions/" + created.id()));
    }

    @Get
    public List<SubscriptionView> list(Authentication authentication,
                                       @QueryValue(defaultValue = "20") @Min(1) @Max(100) int limit) {
        return subscriptions.list(CurrentUser.of(authentication), limit);
    }

    @Get("/{id}")
    public SubscriptionView get(Authentication authentication, UUID id) {
        return subscriptions.get(CurrentUser.of(authentication), id);
    }

    @Post("/{id}/cancel")
    public HttpResponse<SubscriptionView> cancel(Authentication authentication, UUID id,
                                                 @Body @Nullable @Valid CancelSubscriptionRequest request) {
        return HttpResponse.accepted().body(subscriptions.cancel(CurrentUser.of(authentication), id, request));
    }
}
