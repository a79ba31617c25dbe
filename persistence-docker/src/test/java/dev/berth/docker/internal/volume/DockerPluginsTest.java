package dev.berth.docker.internal.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.Berth;
import dev.berth.EngineCallException;
import dev.berth.PluginException;
import dev.berth.Plugins;
import dev.berth.docker.internal.FakeBerth;
import dev.berth.docker.internal.fake.FakeSwarm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Managed plugins on every node: created from a bundle, enabled (then a volume driver there), disabled and removed;
 * a node that fails or hangs gives a typed error naming the plugin and the node, within the call's deadline, and the
 * call can be repeated.
 */
class DockerPluginsTest {
    private static final String NAME = "berth/rclone:latest";

    @TempDir
    Path dir;

    private Path bundle() throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Files.writeString(bundle.resolve("config.json"), "{\"interface\":{\"socket\":\"rclone.sock\"}}");
        Files.createDirectories(bundle.resolve("rootfs/usr/bin"));
        Files.writeString(bundle.resolve("rootfs/usr/bin/rclone"), "#!/bin/sh\n");
        return bundle;
    }

    @Test
    void aPluginIsCreatedEnabledAndRemovedOnEveryNode() throws Exception {
        FakeSwarm swarm = FakeSwarm.of(2);
        Berth berth = FakeBerth.on(swarm, dir.resolve("snapshots"));
        Plugins plugins = berth.plugins();

        plugins.create(NAME, bundle());
        assertThat(plugins.find(NAME)).hasValueSatisfying(p -> assertThat(p.enabled()).isFalse());
        plugins.enable(NAME);

        assertThat(plugins.find(NAME)).hasValueSatisfying(p -> {
            assertThat(p.enabled()).isTrue();
            assertThat(p.capabilities()).contains("volumedriver");
        });
        assertThat(swarm.node(1).plugins().inspect(NAME)).isPresent();
        assertThat(swarm.node(2).plugins().inspect(NAME)).isPresent();
        assertThat(plugins.hasVolumeDriver(NAME)).isTrue();

        plugins.remove(NAME);

        assertThat(plugins.find(NAME)).isEmpty();
        assertThat(swarm.node(2).plugins().inspect(NAME)).isEmpty();
        plugins.remove(NAME); // again: done
    }

    @Test
    void aFolderThatIsNoBundleIsRefusedSayingWhatItNeeds() throws Exception {
        Berth berth = FakeBerth.on(FakeSwarm.of(1), dir.resolve("snapshots"));
        Path empty = Files.createDirectories(dir.resolve("empty"));

        assertThatThrownBy(() -> berth.plugins().create(NAME, empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("config.json").hasMessageContaining("rootfs/");
    }

    @Test
    void aPluginThatTimesOutOnANodeIsATypedErrorNamingItAndTheCallCanBeRepeated() throws Exception {
        FakeSwarm swarm = FakeSwarm.of(2);
        Berth berth = FakeBerth.on(swarm, dir.resolve("snapshots"));
        berth.plugins().create(NAME, bundle());
        // what the engine answers when the plugin does not answer on its socket within the enable's timeout
        swarm.node(2).faults().fail("enablePlugin", 1, EngineCallException.Reason.FAILED);

        assertThatThrownBy(() -> berth.plugins().enable(NAME)).isInstanceOfSatisfying(PluginException.class, e -> {
            assertThat(e.plugin()).isEqualTo(NAME);
            assertThat(e.nodeId()).isEqualTo("node-2");
            assertThat(e.getMessage()).contains("node node-2", NAME);
        });
        assertThat(berth.plugins().find(NAME)).hasValueSatisfying(p -> assertThat(p.enabled()).isFalse());

        swarm.node(2).faults().clear();
        berth.plugins().enable(NAME);

        assertThat(berth.plugins().find(NAME)).hasValueSatisfying(p -> assertThat(p.enabled()).isTrue());
    }
}
