package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.berth.Berth;
import dev.berth.PersistentVolume;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.Events;

/** The extension, run through JUnit's EngineTestKit on the classes in {@link Fixtures}, against the real engine. */
class PersistentContainerIT {
    private static final Berth berth = TestkitConnection.connect(java.util.Map.of());

    @AfterAll
    static void disconnect() {
        berth.close();
    }

    private static Events run(Class<?> fixture) {
        return FixtureRuns.run(fixture);
    }

    private static List<String> testkitVolumes() {
        return berth.volumes().list().stream().map(PersistentVolume::name).filter(n -> n.startsWith("data-bt-")).toList();
    }

    @Test
    void aPlainImageKeepsItsDataThroughEveryDisruptionAndLeavesNothingBehind() {
        List<String> before = testkitVolumes();

        FixtureRuns.assertPassed(run(Fixtures.PlainImage.class), 2 + 2);

        assertThat(testkitVolumes()).isEqualTo(before);
    }

    @Test
    void aRecipeBringsItsProbeAndTheImageAttributeOverridesItsImage() {
        FixtureRuns.assertPassed(run(Fixtures.WithRecipe.class), 2 + 1);
    }

    @Test
    void perClassLifecycleSharesOneContainerAcrossTests() {
        FixtureRuns.assertPassed(run(Fixtures.OneContainerPerClass.class), 2 + 2);
    }

    @Test
    void aFailedTestsVolumeIsKeptAndNamedWhenAskedFor() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> before = testkitVolumes();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            run(Fixtures.FailingTestKeepsItsVolume.class).assertStatistics(s -> s.failed(1));
        } finally {
            System.setErr(stderr);
        }
        List<String> kept = testkitVolumes().stream().filter(v -> !before.contains(v)).toList();
        assertThat(kept).hasSize(1);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("kept its volumes for debugging").contains(kept.get(0));
        berth.volumes().find(kept.get(0)).orElseThrow().delete();
    }

    @Test
    void withoutImageOrRecipeTheErrorNamesTheClass() {
        run(Fixtures.NoImageNoRecipe.class).assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(m -> m.contains(Fixtures.NoImageNoRecipe.class.getName()) && m.contains("needs an image or a recipe")))));
    }

    @Test
    void aPlainImageWithoutDataPathIsRefused() {
        run(Fixtures.ImageWithoutDataPath.class).assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class), message(m -> m.contains("needs dataPath")))));
    }

    @Test
    void anUnsupportedParameterIsNamed() {
        run(Fixtures.UnsupportedParameter.class).assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(ParameterResolutionException.class), message(m -> m.contains("notInjectable")
                        || m.contains("java.lang.String")))));
    }

    @Test
    void askingForThePerMethodContainerInBeforeAllSaysHowToGetOne() {
        run(Fixtures.ContainerInStaticBeforeAllPerMethod.class).assertThatEvents().haveExactly(1, event(
                finishedWithFailure(instanceOf(ParameterResolutionException.class),
                        message(m -> m.contains("PER_CLASS") && m.contains("tooEarly")))));
    }
}
