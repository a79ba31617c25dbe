package dev.berth.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs a fixture class through JUnit's EngineTestKit; a failed statistic names the failures that caused it. */
final class FixtureRuns {
    private FixtureRuns() {
    }

    static Events run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().allEvents();
    }

    /**
     * Asserts that exactly {@code succeeded} events (tests, and the classes and engine around them) passed and none
     * failed, showing every failure's cause.
     */
    static void assertPassed(Events events, long succeeded) {
        String failures = events.failed().stream()
                .map(e -> e.getTestDescriptor().getDisplayName() + ": " + e.getPayload(TestExecutionResult.class)
                        .flatMap(TestExecutionResult::getThrowable).map(Throwable::toString).orElse("no cause"))
                .collect(Collectors.joining("\n"));
        if (!failures.isEmpty()) {
            throw new AssertionError("Expecting no failure, but:\n" + failures);
        }
        events.assertStatistics(s -> s.succeeded(succeeded).failed(0));
    }
}
