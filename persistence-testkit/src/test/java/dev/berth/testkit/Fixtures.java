package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Berth;
import dev.berth.DataProbe;
import dev.berth.PersistentVolume;
import dev.berth.StatefulContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Test classes that the testkit's own tests run through JUnit's EngineTestKit. Not run directly: they are nested
 * classes, which Maven's test plugins leave out.
 */
final class Fixtures {
    private Fixtures() {
    }

    @PersistentContainer(image = BusyboxRecipe.IMAGE, dataPath = "/data",
            command = {"sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"})
    static class PlainImage {
        @Test
        void keepsAcknowledgedWritesThroughKill(StatefulContainer container, DataProbe probe, PersistentVolume volume) {
            probe.write("order-1", "paid");
            container.kill();
            container.recreate();
            assertThat(probe.read("order-1")).contains("paid");
            assertThat(container.volumes()).containsExactly(volume);
        }

        @Test
        void survivesEveryDisruption(StatefulContainer container) {
            PersistenceAssertions.assertThat(container).survives(Disruption.KILL, Disruption.STOP, Disruption.RESTART,
                    Disruption.RECREATE, Disruption.PAUSE);
        }
    }

    @PersistentContainer(recipe = BusyboxRecipe.class, image = "busybox:1.35")
    static class WithRecipe {
        @Test
        void theRecipesProbeAndImageOverrideApply(StatefulContainer container, DataProbe probe) {
            assertThat(container.spec().recipe()).containsInstanceOf(BusyboxRecipe.class);
            assertThat(container.spec().image()).isEqualTo("busybox:1.35");
            probe.write("k", "v");
            assertThat(container.exec("cat", "/data/.berth-probe/k").stdout()).isEqualTo("v");
        }
    }

    @PersistentContainer(recipe = BusyboxRecipe.class)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class OneContainerPerClass {
        @BeforeAll
        void injectedIntoLifecycleMethods(StatefulContainer container, Berth berth) {
            assertThat(berth.volumes().find("data-" + container.name())).isPresent();
        }

        @Test
        @Order(1)
        void writes(DataProbe probe) {
            probe.write("shared", "1");
        }

        @Test
        @Order(2)
        void theNextTestSeesTheSameData(DataProbe probe) {
            assertThat(probe.read("shared")).contains("1");
        }
    }

    @PersistentContainer(recipe = BusyboxRecipe.class, cleanup = PersistentContainer.Cleanup.KEEP_VOLUMES_ON_FAILURE)
    static class FailingTestKeepsItsVolume {
        @Test
        void fails(DataProbe probe) {
            probe.write("evidence", "here");
            throw new AssertionError("deliberate failure");
        }
    }

    @PersistentContainer(dataPath = "/data")
    static class NoImageNoRecipe {
        @Test
        void never() {
        }
    }

    @PersistentContainer(image = BusyboxRecipe.IMAGE)
    static class ImageWithoutDataPath {
        @Test
        void never() {
        }
    }

    @PersistentContainer(recipe = BusyboxRecipe.class)
    static class UnsupportedParameter {
        @Test
        void wantsAString(String notInjectable) {
        }
    }

    @PersistentContainer(recipe = BusyboxRecipe.class)
    static class ContainerInStaticBeforeAllPerMethod {
        @BeforeAll
        static void tooEarly(StatefulContainer container) {
        }

        @Test
        void never() {
        }
    }
}
