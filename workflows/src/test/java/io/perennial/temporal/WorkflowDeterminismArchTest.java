package io.perennial.temporal;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * STYLE.md habit 3, checked by the build for every main class of this module (workflows, their helpers, activity
 * interfaces and records alike, since any of them can end up called from a workflow): time comes from
 * {@code Workflow.currentTimeMillis()} ({@link BusinessTime}), ids from {@code Workflow.randomUUID()}, waiting from
 * {@code Workflow.await} and timers, and maps and sets iterate in a fixed order. A replay that reads the wall clock,
 * a random source or a hash order sees other values than the first run did.
 * The module's dependencies (no Micronaut, JDBC or activities class) are checked by the API's ModuleRulesTest, which
 * sees every module.
 */
class WorkflowDeterminismArchTest {

    private static final JavaClasses WORKFLOWS = new ClassFileImporter()
            .importUrl(TaskQueues.class.getProtectionDomain().getCodeSource().getLocation());

    @Test
    void workflowCodeNeverReadsTheSystemClock() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().dependOnClassesThat().belongToAnyOf(Clock.class)
                .because("business time is Workflow.currentTimeMillis() (BusinessTime.now()), the same on replay")
                .check(WORKFLOWS);
    }

    @Test
    void workflowCodeNeverDrawsFromARandomSourceOrStartsAThread() {
        noClasses().should().callMethod(UUID.class, "randomUUID")
                .orShould().dependOnClassesThat().belongToAnyOf(Random.class, SecureRandom.class,
                        ThreadLocalRandom.class, Thread.class, ExecutorService.class, Executors.class)
                .because("ids come from Workflow.randomUUID() and concurrency from Async and Workflow.await")
                .check(WORKFLOWS);
    }

    @Test
    void workflowCodeNeverIteratesInHashOrder() {
        noClasses().should().dependOnClassesThat().belongToAnyOf(HashMap.class, HashSet.class)
                .because("iteration order must be the same on replay: LinkedHashMap, TreeMap, EnumMap or lists")
                .check(WORKFLOWS);
    }
}
