package dev.berth.testkit;

import dev.berth.Berth;
import dev.berth.DataProbe;
import dev.berth.PersistentVolume;
import dev.berth.StatefulContainer;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** The extension behind {@link PersistentContainer}. One namespace; one {@link TestScope} per class. */
final class PersistentContainerExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PersistentContainerExtension.class);
    private static final Set<Class<?>> INJECTABLE =
            Set.of(StatefulContainer.class, PersistentVolume.class, DataProbe.class, Berth.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        PersistentContainer config = config(testClass);
        FixtureFactory.validate(testClass, config);
        TestScope scope = new TestScope(TestRun.id(context), testClass, config);
        context.getStore(NAMESPACE).put(TestScope.class, scope);
        if (perClass(context)) {
            scope.startFixture(Optional.empty());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass(context)) {
            Fixture fixture = scope(context).startFixture(context.getTestMethod());
            context.getStore(NAMESPACE).put(Fixture.class, fixture);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        boolean failed = context.getExecutionException().isPresent();
        if (failed) {
            scope(context).markFailed();
        }
        Fixture fixture = context.getStore(NAMESPACE).remove(Fixture.class, Fixture.class);
        if (fixture != null) {
            scope(context).release(fixture, failed);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestScope scope = context.getStore(NAMESPACE).remove(TestScope.class, TestScope.class);
        if (scope != null) {
            scope.close(context.getExecutionException().isPresent());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return INJECTABLE.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        TestScope scope = scope(context);
        if (type == Berth.class) {
            return scope.berth();
        }
        Fixture fixture = Optional.ofNullable(context.getStore(NAMESPACE).get(Fixture.class, Fixture.class))
                .or(scope::classFixture)
                .orElseThrow(() -> new ParameterResolutionException("Cannot inject " + type.getSimpleName() + " into "
                        + parameter.getDeclaringExecutable() + ": @PersistentContainer makes a container per test "
                        + "method, which does not exist yet here. Annotate " + context.getRequiredTestClass().getName()
                        + " with @TestInstance(Lifecycle.PER_CLASS) for one container per class."));
        if (type == StatefulContainer.class) {
            return fixture.container();
        }
        if (type == PersistentVolume.class) {
            return fixture.volume();
        }
        return fixture.probe();
    }

    private static TestScope scope(ExtensionContext context) {
        TestScope scope = context.getStore(NAMESPACE).get(TestScope.class, TestScope.class);
        if (scope == null) {
            throw new IllegalStateException("@PersistentContainer was not set up for "
                    + context.getRequiredTestClass().getName() + ": register it on the class, not on a method.");
        }
        return scope;
    }

    private static PersistentContainer config(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, PersistentContainer.class).orElseThrow(
                () -> new org.junit.jupiter.api.extension.ExtensionConfigurationException(testClass.getName()
                        + " uses the @PersistentContainer extension without the annotation: annotate the class."));
    }

    private static boolean perClass(ExtensionContext context) {
        return context.getTestInstanceLifecycle().orElse(TestInstance.Lifecycle.PER_METHOD)
                == TestInstance.Lifecycle.PER_CLASS;
    }
}
