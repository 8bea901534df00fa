package com.penguinmails.webhooks.management;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * Rules over management-api's compiled classes: the REST API and the dashboard are two doors to the same services, so
 * neither kind of controller reaches into another controller, and the caller's role is checked in the services
 * alone, where both doors pass; SQL is run by repositories alone.
 */
class ArchitectureTests {

    private static final JavaClasses MANAGEMENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.penguinmails.webhooks.management");

    /** A {@code @Controller} or {@code @RestController}, or a class nested in one (its records, lambdas' holders). */
    private static final DescribedPredicate<JavaClass> PART_OF_A_CONTROLLER =
            DescribedPredicate.describe("are (part of) a @Controller or @RestController", clazz -> isController(topLevel(clazz)));

    @Test
    void noControllerDependsOnAnotherController() {
        classes().that(PART_OF_A_CONTROLLER)
                .should(new ArchCondition<>("depend on no other @Controller or @RestController (nor a class nested in one)") {
                    @Override
                    public void check(JavaClass controller, ConditionEvents events) {
                        for (Dependency dependency : controller.getDirectDependenciesFromSelf()) {
                            JavaClass target = topLevel(dependency.getTargetClass().getBaseComponentType());
                            if (isController(target) && !target.equals(topLevel(controller))) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                            }
                        }
                    }
                })
                .check(MANAGEMENT);
    }

    @Test
    void onlyServicesCheckTheCallersRole() {
        noClasses().that(PART_OF_A_CONTROLLER)
                .should().callMethod(ApiPrincipal.class, "requireAdmin", String.class)
                .because("a role check in a controller is skipped by the other door (the dashboard or the API)")
                .check(MANAGEMENT);
    }

    /** A controller class; not {@code @RestController} itself, which is annotated with {@code @Controller}. */
    @Test
    void onlyRepositoriesRunSql() {
        noClasses().that().haveSimpleNameNotEndingWith("Repository")
                .should().dependOnClassesThat().areAssignableTo(DatabaseClient.class)
                .because("SQL lives in *Repository classes only (STYLE.md)")
                .check(MANAGEMENT);
    }

    private static boolean isController(JavaClass clazz) {
        return !clazz.isAnnotation() && (clazz.isAnnotatedWith(Controller.class) || clazz.isAnnotatedWith(RestController.class));
    }

    private static JavaClass topLevel(JavaClass clazz) {
        JavaClass outer = clazz;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }
}
