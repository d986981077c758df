package io.perennial.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perennial.temporal.PerennialSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml is checked here because no build machine has a Docker engine: it follows the Compose
 * Specification, the worker and API services set exactly the environment their configuration reads, run the images
 * Jib builds, and publish the ports those services listen on; and the stack starts in dependency order.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of(System.getProperty("perennial.repository.root", "..")).normalize();
    private static final JsonNode COMPOSE = ComposeStack.read(ROOT.resolve("docker-compose.yml"));
    private static final ModuleConfiguration WORKER = new ModuleConfiguration(ROOT, "worker");
    private static final ModuleConfiguration API = new ModuleConfiguration(ROOT, "api");

    @Test
    void theComposeFileFollowsTheComposeSpecification() {
        assertThat(ComposeStack.specificationViolations(COMPOSE)).isEmpty();
    }

    @Test
    void aComposeFileThatBreaksTheSpecificationIsRejected() {
        JsonNode broken = ComposeStack.parse("""
                services:
                  api:
                    image: perennial/api:1
                    helthcheck:
                      test: ["CMD", "true"]
                    depends_on:
                      worker:
                        condition: service_ready
                    ports: 8081
                """);

        assertThat(String.join("\n", ComposeStack.specificationViolations(broken)))
                .contains("helthcheck")
                .contains("condition")
                .contains("ports");
    }

    @Test
    void theWorkerAndApiSetOnlyTheEnvironmentTheirConfigurationReadsAndAllItRequires() {
        assertThat(ComposeStack.environmentProblems(COMPOSE, "worker", WORKER)).isEmpty();
        assertThat(ComposeStack.environmentProblems(COMPOSE, "api", API)).isEmpty();
    }

    @Test
    void theEnvironmentCheckReadsTheModulesConfiguration() {
        assertThat(WORKER.environments()).containsExactly("worker");
        assertThat(API.environments()).containsExactly("api");
        assertThat(WORKER.environmentVariables()).containsKeys("TEMPORAL_ADDRESS", "DATASOURCES_DEFAULT_URL",
                "DATASOURCES_DEFAULT_USERNAME", "DATASOURCES_DEFAULT_PASSWORD", "WORKER_PORT")
                .doesNotContainKeys("PORT", "JWT_SECRET");
        assertThat(API.environmentVariables()).containsKeys("TEMPORAL_ADDRESS", "DATASOURCES_DEFAULT_URL", "PORT")
                .containsEntry("JWT_SECRET", Optional.empty())
                .doesNotContainKey("WORKER_PORT");
    }

    @Test
    void anUnknownVariableAndAMissingRequiredOneAreReported() {
        ObjectNode compose = COMPOSE.deepCopy();
        ((ObjectNode) compose.path("services").path("worker").path("environment")).put("TEMPORAL_HOST", "temporal");
        ((ObjectNode) compose.path("services").path("api").path("environment")).remove("JWT_SECRET");

        assertThat(ComposeStack.environmentProblems(compose, "worker", WORKER))
                .singleElement().asString().contains("worker sets TEMPORAL_HOST");
        assertThat(ComposeStack.environmentProblems(compose, "api", API))
                .singleElement().asString().contains("api does not set JWT_SECRET");
    }

    @Test
    void theJwtSecretComesFromTheEnvironmentAndHasNoDefault() {
        assertThat(ComposeStack.environment(COMPOSE, "api").get("JWT_SECRET")).startsWith("${JWT_SECRET:?");
    }

    @Test
    void theWorkerAndApiRunTheImagesJibBuilds() {
        assertThat(WORKER.jibImage()).isEqualTo("perennial/worker:" + projectVersion());
        assertThat(API.jibImage()).isEqualTo("perennial/api:" + projectVersion());
        assertThat(ComposeStack.service(COMPOSE, "worker").path("image").asText()).isEqualTo(WORKER.jibImage());
        assertThat(ComposeStack.service(COMPOSE, "api").path("image").asText()).isEqualTo(API.jibImage());
        assertThat(WORKER.mainClass()).isEqualTo("io.perennial.worker.WorkerApplication");
        assertThat(API.mainClass()).isEqualTo("io.perennial.api.ApiApplication");
    }

    @Test
    void theApiIsPublishedOnHostPort8081FromThePortItListensOn() {
        String port = ComposeStack.environment(COMPOSE, "api").get("PORT");
        assertThat(API.jibPorts()).containsExactly(port);
        assertThat(API.environmentVariables().get("PORT")).contains(port);
        assertThat(ComposeStack.ports(COMPOSE, "api")).containsExactly("8081:" + port);
        assertThat(ComposeStack.healthcheck(COMPOSE, "api")).contains("/dev/tcp/127.0.0.1/" + port + " ")
                .contains("GET /health ");
    }

    @Test
    void theWorkerScalesWithoutPortsOrNamesThatWouldClash() {
        JsonNode worker = ComposeStack.service(COMPOSE, "worker");
        assertThat(worker.has("ports")).as("worker publishes no host port").isFalse();
        assertThat(worker.has("container_name")).as("worker has no fixed container name").isFalse();
        String port = ComposeStack.environment(COMPOSE, "worker").get("WORKER_PORT");
        assertThat(WORKER.jibPorts()).containsExactly(port);
        assertThat(WORKER.environmentVariables().get("WORKER_PORT")).contains(port);
        assertThat(ComposeStack.healthcheck(COMPOSE, "worker")).contains("/dev/tcp/127.0.0.1/" + port + " ")
                .contains("GET /health ");
    }

    @Test
    void theTemporalUiIsPublishedOnHostPort8080() {
        assertThat(ComposeStack.ports(COMPOSE, "temporal-ui")).containsExactly("8080:8080");
        assertThat(ComposeStack.environment(COMPOSE, "temporal-ui")).containsEntry("TEMPORAL_ADDRESS", "temporal:7233");
    }

    @Test
    void theStackStartsInDependencyOrder() {
        assertThat(condition("temporal-schema", "postgres")).isEqualTo("service_healthy");
        assertThat(condition("temporal", "temporal-schema")).isEqualTo("service_completed_successfully");
        assertThat(condition("temporal-namespace", "temporal")).isEqualTo("service_healthy");
        assertThat(condition("temporal-ui", "temporal")).isEqualTo("service_healthy");
        assertThat(condition("worker", "temporal-namespace")).isEqualTo("service_completed_successfully");
        assertThat(condition("worker", "postgres")).isEqualTo("service_healthy");
        // The worker runs the Flyway migrations the API reads through.
        assertThat(condition("api", "worker")).isEqualTo("service_healthy");
    }

    @Test
    void everyServiceWaitedOnForHealthHasAHealthcheckAndEveryImageIsPinned() {
        List<String> problems = new ArrayList<>();
        COMPOSE.path("services").fields().forEachRemaining(service -> {
            String image = service.getValue().path("image").asText();
            if (!image.matches("[^:]+:[^:]+") || image.endsWith(":latest")) {
                problems.add(service.getKey() + " image is not pinned: " + image);
            }
            service.getValue().path("depends_on").fields().forEachRemaining(dependency -> {
                boolean waitsForHealth = dependency.getValue().path("condition").asText().equals("service_healthy");
                if (waitsForHealth && !ComposeStack.service(COMPOSE, dependency.getKey()).has("healthcheck")) {
                    problems.add(service.getKey() + " waits for " + dependency.getKey() + ", which has no healthcheck");
                }
            });
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void theNamespaceJobCreatesEveryPerennialSearchAttributeWithItsType() throws IOException {
        String script = Files.readString(ROOT.resolve("deploy/compose/temporal-namespace.sh"));
        for (SearchAttributeKey<?> key : PerennialSearchAttributes.ALL) {
            assertThat(script).containsPattern("\\b" + key.getName() + ":" + cliType(key.getValueType()) + "\\b");
        }
        assertThat(ComposeStack.service(COMPOSE, "temporal-namespace").path("volumes").toString())
                .contains("./deploy/compose/temporal-namespace.sh:");
    }

    @Test
    void theScriptsTheServicesMountExist() {
        List<String> missing = new ArrayList<>();
        COMPOSE.path("services").fields().forEachRemaining(service -> service.getValue().path("volumes")
                .forEach(volume -> {
                    String source = volume.asText().split(":", 2)[0];
                    if (source.startsWith("./") && !Files.isRegularFile(ROOT.resolve(source))) {
                        missing.add(service.getKey() + " mounts " + source);
                    }
                }));
        assertThat(missing).isEmpty();
    }

    private static String condition(String service, String dependency) {
        return ComposeStack.service(COMPOSE, service).path("depends_on").path(dependency).path("condition").asText();
    }

    private static String projectVersion() {
        try {
            String pom = Files.readString(ROOT.resolve("pom.xml"));
            int artifact = pom.indexOf("<artifactId>perennial</artifactId>");
            int start = pom.indexOf("<version>", artifact) + "<version>".length();
            return pom.substring(start, pom.indexOf("</version>", start)).trim();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cliType(IndexedValueType type) {
        return Map.of(IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, "Keyword",
                IndexedValueType.INDEXED_VALUE_TYPE_DATETIME, "Datetime",
                IndexedValueType.INDEXED_VALUE_TYPE_INT, "Int",
                IndexedValueType.INDEXED_VALUE_TYPE_BOOL, "Bool",
                IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE, "Double",
                IndexedValueType.INDEXED_VALUE_TYPE_TEXT, "Text").get(type);
    }
}
