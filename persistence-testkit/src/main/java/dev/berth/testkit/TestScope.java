package dev.berth.testkit;

import dev.berth.Berth;
import dev.berth.PruneOptions;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One test class's connection, fixtures and clean-up. Everything made through it carries the run's and the class's
 * labels, so the clean-up removes exactly that and nothing else.
 */
final class TestScope {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String runId;
    private final Class<?> testClass;
    private final PersistentContainer config;
    private final String classLabel;
    private final Berth berth;
    private final List<String> keptVolumes = new ArrayList<>();
    private @Nullable Fixture classFixture;
    private boolean failed;

    TestScope(String runId, Class<?> testClass, PersistentContainer config) {
        this.runId = runId;
        this.testClass = testClass;
        this.config = config;
        this.classLabel = sanitize(testClass.getSimpleName()) + "-" + SEQUENCE.incrementAndGet();
        this.berth = TestkitConnection.connect(Map.of(TestRun.LABEL, runId, TestRun.CLASS_LABEL, classLabel));
    }

    Berth berth() {
        return berth;
    }

    Optional<Fixture> classFixture() {
        return Optional.ofNullable(classFixture);
    }

    /** Starts the fixture of one test method, or of the whole class when {@code method} is empty. */
    synchronized Fixture startFixture(Optional<Method> method) {
        Fixture fixture = FixtureFactory.create(berth, testClass, config, nameFor(method));
        if (method.isEmpty()) {
            classFixture = fixture;
        }
        return fixture;
    }

    synchronized void markFailed() {
        failed = true;
    }

    /** Removes a test method's container, and its volume unless the test failed and the policy keeps it. */
    synchronized void release(Fixture fixture, boolean testFailed) {
        fixture.container().remove();
        if (testFailed && config.cleanup() == PersistentContainer.Cleanup.KEEP_VOLUMES_ON_FAILURE) {
            keep(fixture.volume().name());
        } else {
            fixture.volume().delete();
        }
    }

    /** Removes everything the class made (through the fixtures or the injected Berth), then disconnects. */
    synchronized void close(boolean classFailed) {
        try {
            boolean keep = (failed || classFailed) && config.cleanup() == PersistentContainer.Cleanup.KEEP_VOLUMES_ON_FAILURE;
            PruneOptions.Builder prune = PruneOptions.builder().label(TestRun.LABEL, runId)
                    .label(TestRun.CLASS_LABEL, classLabel).includeRunning(true).includeVolumes(!keep);
            if (!keep) {
                prune.retiredOlderThan(java.time.Duration.ZERO); // the source copies its moves left behind
            }
            berth.prune(prune.build());
            if (keep) {
                berth.volumes().withLabels(Map.of(TestRun.LABEL, runId, TestRun.CLASS_LABEL, classLabel))
                        .forEach(v -> keep(v.name()));
            }
            if (!keptVolumes.isEmpty()) {
                System.err.println("[berth-testkit] " + testClass.getName() + " failed; kept its volumes for debugging: "
                        + keptVolumes + " (delete them with: docker volume rm " + String.join(" ", keptVolumes) + ")");
            }
        } finally {
            berth.close();
        }
    }

    private void keep(String volume) {
        if (!keptVolumes.contains(volume)) {
            keptVolumes.add(volume);
        }
    }

    /** A Docker-valid, readable, unique name: {@code bt-<run>-<class>[-<method>]-<n>}. */
    private String nameFor(Optional<Method> method) {
        String base = "bt-" + runId + "-" + sanitize(testClass.getSimpleName())
                + method.map(m -> "-" + sanitize(m.getName())).orElse("");
        return (base.length() > 80 ? base.substring(0, 80) : base) + "-" + SEQUENCE.incrementAndGet();
    }

    private static String sanitize(String text) {
        return text.replaceAll("[^A-Za-z0-9_.-]", "-").toLowerCase(Locale.ROOT);
    }
}
