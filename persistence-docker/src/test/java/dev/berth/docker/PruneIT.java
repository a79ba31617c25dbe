package dev.berth.docker;

import static dev.berth.docker.EngineFixture.BUSYBOX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Berth;
import dev.berth.PersistentVolume;
import dev.berth.PruneOptions;
import dev.berth.PruneReport;
import dev.berth.StatefulContainer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PruneIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    private final Berth berth = engine.berth();

    @Test
    void pruneRemovesOnlyWhatBerthCreated() {
        Map<String, String> runLabel = Map.of(EngineFixture.RUN_LABEL, engine.runId());
        String foreignVolume = engine.name("their-volume");
        String foreignContainer = engine.name("their-container");
        engine.docker().createVolumeCmd().withName(foreignVolume).withLabels(runLabel).exec();
        engine.docker().createContainerCmd(BUSYBOX).withName(foreignContainer).withCmd("true").withLabels(runLabel).exec();
        PersistentVolume adopted = berth.volume(foreignVolume).create();
        PersistentVolume ours = berth.volume(engine.name("our-volume")).create();
        PersistentVolume busy = berth.volume(engine.name("busy-volume")).create();
        berth.container(engine.name("stopped")).image(BUSYBOX).command("true").create();
        berth.container(engine.name("running")).image(BUSYBOX).command(EngineFixture.SLEEP).mount(busy, "/data").start();

        PruneReport stoppedOnly = berth.prune(PruneOptions.builder().label(EngineFixture.RUN_LABEL, engine.runId())
                .includeVolumes(true).build());

        assertThat(stoppedOnly.containers()).containsExactly(engine.name("stopped"));
        assertThat(stoppedOnly.volumes()).containsExactly(ours.name());

        PruneReport all = berth.prune(PruneOptions.builder().label(EngineFixture.RUN_LABEL, engine.runId())
                .includeRunning(true).includeVolumes(true).build());

        assertThat(all.containers()).containsExactly(engine.name("running"));
        assertThat(all.volumes()).containsExactly(busy.name());
        assertThat(engine.docker().inspectVolumeCmd(adopted.name()).exec().getName()).isEqualTo(foreignVolume);
        assertThat(engine.docker().inspectContainerCmd(foreignContainer).exec().getName()).isEqualTo("/" + foreignContainer);
    }

    @Test
    void pruneNeverRemovesAPausedWriterForInstanceOneHeldStillForASnapshot() {
        PersistentVolume data = berth.volume(engine.name("paused-data")).create();
        StatefulContainer writer = berth.container(engine.name("paused")).image(BUSYBOX).command(EngineFixture.SLEEP)
                .mount(data, "/data").start();
        writer.pause();

        PruneReport report = berth.prune(PruneOptions.builder().label(EngineFixture.RUN_LABEL, engine.runId()).build());

        assertThat(report.containers()).doesNotContain(writer.name());
        assertThat(writer.state()).isEqualTo(dev.berth.ContainerState.PAUSED);
        writer.unpause();
        writer.remove();
    }
}
