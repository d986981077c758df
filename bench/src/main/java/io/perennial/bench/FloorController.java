package io.perennial.bench;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * The read benchmark's HTTP floor: a route of the same server, through the same filters and on the same executor as
 * every API route, that reads nothing and answers a constant. Only on the benchmark's classpath.
 */
@Controller("/bench/floor")
@Secured(SecurityRule.IS_ANONYMOUS)
class FloorController {

    @Get
    @Produces(MediaType.APPLICATION_JSON)
    String floor() {
        return "{\"floor\":true}";
    }
}
