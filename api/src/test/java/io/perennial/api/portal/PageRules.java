package io.perennial.api.portal;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Hidden;

import java.lang.annotation.Annotation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

/**
 * The rules every page of a browser area (the portal, the console) keeps, checked over that area's package by
 * PortalRulesTest and ConsoleRulesTest, so that a forgotten annotation fails the build, not a pen test.
 */
public final class PageRules {

    private final String area;
    private final String packageName;
    private final JavaClasses pages;

    /** The rules over {@code packageName}'s main classes; {@code area} names it in the reasons ("portal"). */
    public PageRules(String area, String packageName) {
        this.area = area;
        this.packageName = packageName;
        this.pages = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(packageName);
    }

    /** Every controller with a POST route carries {@code checked}, whose interceptor checks the form's token. */
    public void everyControllerWithAFormChecksItsCsrfToken(Class<? extends Annotation> checked,
                                                           Class<? extends FormCsrfCheck> interceptor) {
        classes().that().areAnnotatedWith(Controller.class).and().containAnyMethodsThat(
                        DescribedPredicate.describe("are POST routes", method -> method.isAnnotatedWith(Post.class)))
                .should().beAnnotatedWith(checked)
                .because("every " + area + " form carries a CSRF token that " + interceptor.getSimpleName()
                        + " checks")
                .check(pages);
    }

    /** Every POST route takes its {@link PortalForms.Form} and the request the token is checked against. */
    public void everyPostTakesItsFormAndTheRequestToCheckItAgainst() {
        methods().that().areAnnotatedWith(Post.class).and().areDeclaredInClassesThat().resideInAPackage(packageName)
                .should(new ArchCondition<>("take a PortalForms.Form and the HttpRequest") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        boolean form = method.getRawParameterTypes().stream()
                                .anyMatch(type -> type.isAssignableTo(PortalForms.Form.class));
                        boolean request = method.getRawParameterTypes().stream()
                                .anyMatch(type -> type.isAssignableTo(HttpRequest.class));
                        if (!form || !request) {
                            events.add(SimpleConditionEvent.violated(method,
                                    method.getFullName() + " lacks its form or its request"));
                        }
                    }
                })
                .check(pages);
    }

    /** Every controller is {@code @Hidden}: the OpenAPI document is the JSON API's. */
    public void pagesStayOutOfTheApisOpenApiDocument() {
        classes().that().areAnnotatedWith(Controller.class).should().beAnnotatedWith(Hidden.class)
                .because("the OpenAPI document (and the fuzzing and route-access tests built on it) is the JSON API's")
                .check(pages);
    }
}
