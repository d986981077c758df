package io.perennial.api.json;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Serves the OpenAPI document as {@code application/yaml; charset=utf-8}. The static-resource handler names no
 * charset, and a client left to guess (Schemathesis did) reads a "×" in a description as a control character and
 * refuses the whole document.
 */
@ServerFilter("/openapi/**")
public class OpenApiCharsetFilter {

    static final MediaType YAML_UTF8 = MediaType.of("application/yaml;charset=utf-8");

    @ResponseFilter
    public void declareCharset(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String path = request.getPath();
        if ((path.endsWith(".yml") || path.endsWith(".yaml")) && response.code() == 200) {
            response.contentType(YAML_UTF8);
        }
    }
}
