package io.perennial.api.console;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.perennial.api.portal.PortalForms;
import io.swagger.v3.oas.annotations.Hidden;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

/** The rules a new console page must keep, so that a forgotten annotation fails the build, not a pen test. */
class ConsoleRulesTest {

    private static final JavaClasses CONSOLE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.perennial.api.console");

    @Test
    void everyConsoleControllerWithAFormChecksItsCsrfToken() {
        classes().that().areAnnotatedWith(Controller.class).and().containAnyMethodsThat(
                        com.tngtech.archunit.base.DescribedPredicate.describe("are POST routes",
                                method -> method.isAnnotatedWith(Post.class)))
                .should().beAnnotatedWith(ConsoleCsrfChecked.class)
                .because("every console form carries a CSRF token that ConsoleCsrfCheckInterceptor checks")
                .check(CONSOLE);
    }

    @Test
    void everyConsolePostTakesItsFormAndTheRequestToCheckItAgainst() {
        methods().that().areAnnotatedWith(Post.class).and().areDeclaredInClassesThat().resideInAPackage(
                        "io.perennial.api.console")
                .should(new com.tngtech.archunit.lang.ArchCondition<>("take a PortalForms.Form and the HttpRequest") {
                    @Override
                    public void check(com.tngtech.archunit.core.domain.JavaMethod method,
                                      com.tngtech.archunit.lang.ConditionEvents events) {
                        boolean form = method.getRawParameterTypes().stream()
                                .anyMatch(type -> type.isAssignableTo(PortalForms.Form.class));
                        boolean request = method.getRawParameterTypes().stream()
                                .anyMatch(type -> type.isAssignableTo(io.micronaut.http.HttpRequest.class));
                        if (!form || !request) {
                            events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(method,
                                    method.getFullName() + " lacks its form or its request"));
                        }
                    }
                })
                .check(CONSOLE);
    }

    @Test
    void consolePagesStayOutOfTheApisOpenApiDocument() {
        classes().that().areAnnotatedWith(Controller.class).should().beAnnotatedWith(Hidden.class)
                .because("the OpenAPI document (and the fuzzing and route-access tests built on it) is the JSON API's")
                .check(CONSOLE);
    }
}
