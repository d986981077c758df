package io.perennial.acceptance;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@link PlatformTest} does. A platform shared by several classes lives in the root context's store and is
 * closed when the JVM's test run ends; one of {@link PlatformTest#ownPlatform()} lives in the class's store and is
 * closed after the class. The store closes its {@link AutoCloseable} values (JUnit 5.13 and later; the older
 * {@code CloseableResource} is deprecated).
 */
final class PerennialPlatformExtension implements BeforeAllCallback {

    private static final Set<Class<?>> FIELD_TYPES = Set.of(TestPlatform.class, ApiSession.class, RawHttp.class,
            TemporalDevServer.class);
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PerennialPlatformExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        Class<?> testClass = context.getRequiredTestClass();
        PlatformTest wanted = AnnotationSupport.findAnnotation(testClass, PlatformTest.class).orElseThrow();
        if (wanted.temporal() != PlatformTest.Temporal.IN_PROCESS) {
            if (!AnnotationSupport.isAnnotated(testClass, NeedsTemporalCli.class)) {
                throw new IllegalStateException(testClass.getSimpleName()
                        + " runs on the real Temporal server and so must also be annotated @NeedsTemporalCli");
            }
            if (RealTemporalPrerequisites.missing(context).isPresent()) {
                return; // RealTemporalPrerequisites reports each test skipped, or fails the class under CI
            }
        }
        Map<String, Object> properties = properties(wanted);
        // A class's store also finds what its parents hold: an own platform's key names the class, so that a shared
        // platform of the same configuration is not taken for it.
        String configuration = wanted.temporal() + " " + properties
                + (wanted.ownPlatform() ? " for " + testClass.getName() : "");
        ExtensionContext owner = wanted.ownPlatform() ? context : context.getRoot();
        TestPlatform platform = owner.getStore(NAMESPACE).getOrComputeIfAbsent(configuration,
                key -> TestPlatform.start(wanted.temporal(), properties), TestPlatform.class);
        inject(context.getRequiredTestInstance(), platform);
    }

    private static Map<String, Object> properties(PlatformTest wanted) {
        Map<String, Object> properties = new TreeMap<>();
        for (String entry : wanted.properties()) {
            int equals = entry.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("a @PlatformTest property is name=value: " + entry);
            }
            properties.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        return properties;
    }

    /** Sets every instance field of one of the {@link #FIELD_TYPES}, the class's own or inherited. */
    private static void inject(Object testInstance, TestPlatform platform) throws IllegalAccessException {
        for (Field field : ReflectionSupport.findFields(testInstance.getClass(),
                candidate -> !Modifier.isStatic(candidate.getModifiers())
                        && FIELD_TYPES.contains(candidate.getType()), HierarchyTraversalMode.TOP_DOWN)) {
            field.setAccessible(true);
            field.set(testInstance, value(field.getType(), platform));
        }
    }

    private static Object value(Class<?> type, TestPlatform platform) {
        if (type == ApiSession.class) {
            return platform.api;
        }
        if (type == RawHttp.class) {
            return platform.raw;
        }
        if (type == TemporalDevServer.class) {
            return platform.temporal;
        }
        return platform;
    }
}
