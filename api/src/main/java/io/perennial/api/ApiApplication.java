package io.perennial.api;

import io.micronaut.runtime.Micronaut;

/** Runs the API alone, against an external Temporal and PostgreSQL (how docker-compose runs it). */
public final class ApiApplication {
    private ApiApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(ApiApplication.class).environments("api").start();
    }
}
