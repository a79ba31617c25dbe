package dev.berth.testkit;

import static dev.berth.testkit.BusyboxRecipe.IMAGE;
import static dev.berth.testkit.BusyboxRecipe.SLEEP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.Berth;
import dev.berth.PersistentVolume;
import dev.berth.PruneOptions;
import dev.berth.StatefulContainer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

/** survives(...) on containers made outside the extension: with the API, and with Testcontainers. */
class SurvivesIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Berth berth = TestkitConnection.connect(Map.of(TestRun.LABEL, RUN));

    @AfterAll
    static void cleanUp() {
        berth.prune(PruneOptions.builder().label(TestRun.LABEL, RUN).includeRunning(true).retiredOlderThan(java.time.Duration.ZERO).includeVolumes(true).build());
        berth.close();
    }

    private static String name(String base) {
        return "sv-" + RUN + "-" + base;
    }

    @Test
    void dataOnATmpfsInsteadOfTheVolumeFailsSurvivesKillSayingWhatWasLost() {
        PersistentVolume data = berth.volume(name("tmpfs-data")).create();
        StatefulContainer c = berth.container(name("tmpfs")).image(IMAGE).command(SLEEP)
                .mount(data, "/data").tmpfs("/scratch").start();

        assertThatThrownBy(() -> PersistenceAssertions.assertThat(c).using(new FileProbe(c, "/scratch"))
                .survives(Disruption.KILL))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting container:")
                .hasMessageContaining("to keep every acknowledged write through:")
                .hasMessageContaining("but after KILL these markers were lost:")
                .hasMessageContaining("berth-marker-")
                .hasMessageContaining("Is the data path on the volume?");
    }

    @Test
    void dataInTheContainersOwnFilesystemIsLostWithTheContainer() {
        PersistentVolume data = berth.volume(name("layer-data")).create();
        StatefulContainer c = berth.container(name("layer")).image(IMAGE).command(SLEEP).mount(data, "/data").start();

        PersistenceAssertions.assertThat(c).survives(Disruption.KILL, Disruption.RECREATE);
        assertThatThrownBy(() -> PersistenceAssertions.assertThat(c).using(new FileProbe(c, "/var"))
                .survives(Disruption.RESTART, Disruption.RECREATE))
                .isInstanceOf(AssertionError.class).hasMessageContaining("after RESTART");
    }

    @Test
    void dataSurvivesTheEngineItselfRestarting() {
        PersistentVolume data = berth.volume(name("engine-data")).create();
        StatefulContainer c = berth.container(name("engine")).image(IMAGE).command(SLEEP).mount(data, "/data").start();

        PersistenceAssertions.assertThat(c).survives(Disruption.ENGINE_RESTART);
    }

    @Test
    void aTestcontainersContainerOnABerthVolumeIsDisruptedAndAssertedTheSameWay() {
        PersistentVolume data = berth.volume(name("tc-data")).create();
        try (GenericContainer<?> busybox = new GenericContainer<>(IMAGE).withCommand(SLEEP)) {
            StatefulContainer stateful = BerthTestcontainers.mount(busybox, data, "/data");
            stateful.start();

            PersistenceAssertions.assertThat(stateful).survives(Disruption.KILL, Disruption.STOP, Disruption.RECREATE);
            assertThat(stateful.exec("ls", "/data/.berth-probe").stdout()).contains("berth-marker-");
        }
    }
}
