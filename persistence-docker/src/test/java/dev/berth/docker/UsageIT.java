package dev.berth.docker;

import static dev.berth.docker.EngineFixture.BUSYBOX;
import static dev.berth.docker.EngineFixture.SLEEP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Berth;
import dev.berth.PersistentVolume;
import dev.berth.Plugins;
import dev.berth.StatefulContainer;
import dev.berth.Usage;
import dev.berth.VolumeUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Disk usage and plugins, as the engine reports them. */
class UsageIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    private final Berth berth = engine.berth();

    private VolumeUsage usageOf(String volume) {
        return berth.usage().volumes().stream().filter(v -> v.name().equals(volume)).findFirst()
                .orElseThrow(() -> new AssertionError("no usage for volume " + volume));
    }

    @Test
    void usageShowsWhatAVolumeHoldsWhoUsesItAndWhatAPruneWouldFree() {
        PersistentVolume data = berth.volume(engine.name("usage")).create();
        StatefulContainer c = berth.container(engine.name("usage")).image(BUSYBOX).command(SLEEP)
                .mount(data, "/data").start();
        c.exec("sh", "-c", "dd if=/dev/zero of=/data/blob bs=1048576 count=3 2>/dev/null && sync");

        VolumeUsage used = usageOf(data.name());
        assertThat(used.sizeBytes()).isGreaterThanOrEqualTo(3L << 20);
        assertThat(used.containers()).isEqualTo(1);
        assertThat(used.createdByBerth()).isTrue();
        assertThat(used.nodeId()).isEqualTo(berth.cluster().local().id());
        assertThat(data.sizeBytes()).isEqualTo(used.sizeBytes());

        c.remove();
        Usage after = berth.usage();
        assertThat(after.unused()).extracting(VolumeUsage::name).contains(data.name());
        assertThat(after.reclaimableBytes()).isGreaterThanOrEqualTo(3L << 20);
        assertThat(after.totalBytes()).isGreaterThanOrEqualTo(after.reclaimableBytes());
        assertThat(after.volumes()).isSortedAccordingTo((a, b) -> Long.compare(b.sizeBytes(), a.sizeBytes()));
    }

    @Test
    void pluginsListTheVolumeDriversAVolumeCanUse() {
        Plugins plugins = berth.plugins();

        assertThat(plugins.volumeDrivers()).contains("local");
        assertThat(plugins.hasVolumeDriver("local")).isTrue();
        assertThat(plugins.hasVolumeDriver("rexray")).isFalse();
        assertThat(plugins.installed()).allSatisfy(p -> assertThat(p.name()).isNotBlank());
    }
}
