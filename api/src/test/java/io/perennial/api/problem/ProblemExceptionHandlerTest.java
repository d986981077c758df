package io.perennial.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemExceptionHandlerTest {

    private final ProblemExceptionHandler handler = new ProblemExceptionHandler();

    @Test
    void aProblemWithoutAnInstanceNamesTheRequestsPath() {
        HttpResponse<Problem> response = handler.handle(HttpRequest.GET("/v1/subscriptions/42"),
                new ProblemException(new Problem(ApiProblems.BASE + "not-found", "Not found", 404, "No such thing",
                        null, List.of()), 7L));

        assertThat(response.status().getCode()).isEqualTo(404);
        assertThat(response.body().instance()).isEqualTo("/v1/subscriptions/42");
        assertThat(response.getHeaders().get("Retry-After")).isEqualTo("7");
    }

    @Test
    void anInstanceTheProblemNamesIsKept() {
        HttpResponse<Problem> response = handler.handle(HttpRequest.POST("/v1/ops/refunds", ""),
                new ProblemException(new Problem(ApiProblems.BASE + "refund-refused", "Refund refused", 422, "No",
                        "/v1/invoices/7", List.of())));

        assertThat(response.body().instance()).isEqualTo("/v1/invoices/7");
        assertThat(response.getHeaders().get("Retry-After")).isNull();
    }
}
