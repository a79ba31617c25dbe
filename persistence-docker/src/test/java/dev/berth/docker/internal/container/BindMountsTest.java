package dev.berth.docker.internal.container;

import static dev.berth.docker.internal.FakeBerth.IMAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.Berth;
import dev.berth.BerthException;
import dev.berth.ContainerSpec;
import dev.berth.ContainerState;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.StatefulContainer;
import dev.berth.docker.internal.FakeBerth;
import dev.berth.docker.internal.engine.Mount;
import dev.berth.docker.internal.fake.FakeSwarm;
import dev.berth.docker.internal.node.SpecHash;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bind mounts reach the engine as they were given, and a container with one is never moved. */
class BindMountsTest {
    @TempDir
    Path snapshots;

    @Test
    void aBindMountReachesTheEngineAndAContainerWithOneIsNotMoved() {
        FakeSwarm swarm = FakeSwarm.of(2);
        Berth berth = FakeBerth.on(swarm, snapshots);
        Node first = berth.cluster().node("node-1").orElseThrow();
        Node second = berth.cluster().node("node-2").orElseThrow();
        PersistentVolume data = berth.volume("site-data").node(first).create();
        StatefulContainer web = berth.container("web").image(IMAGE).mount(data, "/data")
                .bindReadOnly(Path.of("/srv/site"), "/site").start();

        assertThat(swarm.node(1).definition("web").orElseThrow().mounts())
                .contains(Mount.bind("/srv/site", "/site", true));
        assertThatThrownBy(() -> web.moveTo(second)).isInstanceOf(BerthException.class)
                .hasMessageContaining("bind-mounts host directories [/srv/site:/site:ro]")
                .hasMessageContaining("Put that data on a volume");
        assertThat(web.node().id()).isEqualTo("node-1");
        assertThat(web.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(swarm.node(2).inspectVolume("site-data")).as("nothing was copied").isEmpty();
    }

    @Test
    void aSpecWithoutBindMountsHashesAsItDidBeforeThereWereAny() {
        ContainerSpec plain = ContainerSpec.builder("web").image(IMAGE).build();
        ContainerSpec bound = ContainerSpec.builder("web").image(IMAGE).bind(Path.of("/srv"), "/srv").build();

        assertThat(SpecHash.of(plain)).isNotEqualTo(SpecHash.of(bound));
        assertThat(SpecHash.of(plain)).as("the hash Berth gave this spec before bind mounts existed, so that no running "
                + "container is recreated by the upgrade").isEqualTo("0cfb5cd037b906454e18243503ec9f9f");
    }
}
