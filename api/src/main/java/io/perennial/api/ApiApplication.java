package io.perennial.api;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Runs the API alone, against an external Temporal and PostgreSQL (how docker-compose runs it). */
@OpenAPIDefinition(info = @Info(title = "Perennial", version = "1",
        description = "Subscription commerce where every long-running business process is a durable Temporal "
                + "workflow. Errors are RFC 9457 problem documents (application/problem+json); docs/api.md lists "
                + "every problem type."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "The accessToken from POST /v1/auth/login")
public final class ApiApplication {
    private ApiApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(ApiApplication.class).environments("api").start();
    }
}
