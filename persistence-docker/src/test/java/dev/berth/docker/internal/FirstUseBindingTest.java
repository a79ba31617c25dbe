package dev.berth.docker.internal;

import static dev.berth.docker.internal.FakeBerth.IMAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.Berth;
import dev.berth.BerthException;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.Placement;
import dev.berth.StatefulContainer;
import dev.berth.docker.internal.fake.FakeSwarm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a Swarm, a LOCAL volume made without a node goes where its first container is placed, and the user's handle with
 * it; a volume made on a node, or one that already holds data, stays where it is.
 */
class FirstUseBindingTest {
    @TempDir
    Path snapshots;

    private final FakeSwarm swarm = FakeSwarm.of(2);
    private Berth berth;

    @org.junit.jupiter.api.BeforeEach
    void connect() {
        berth = FakeBerth.on(swarm, snapshots);
    }

    private StatefulContainer onSecondNode(PersistentVolume data) {
        return berth.container("db").image(IMAGE).mount(data, "/data").placement(Placement.node("node-2")).start();
    }

    @Test
    void aVolumeMadeWithoutANodeIsMadeWhereItsFirstContainerIsPlaced() {
        PersistentVolume data = berth.volume("orders").create();

        StatefulContainer db = onSecondNode(data);

        assertThat(db.node().id()).isEqualTo("node-2");
        assertThat(data.node().id()).as("the user's handle follows the volume").isEqualTo("node-2");
        assertThat(swarm.node(1).inspectVolume("orders")).as("nothing is left on the manager").isEmpty();
        assertThat(swarm.node(2).inspectVolume("orders")).isPresent();
        assertThat(berth.volume("orders").create().node().id()).as("asked for again, it is found where it is")
                .isEqualTo("node-2");
    }

    @Test
    void aVolumeMadeOnANodeStaysThere() {
        Node manager = berth.cluster().node("node-1").orElseThrow();
        PersistentVolume data = berth.volume("orders").node(manager).create();

        assertThatThrownBy(() -> onSecondNode(data)).isInstanceOf(BerthException.class)
                .hasMessageContaining("where its LOCAL volumes live");
        assertThat(swarm.node(1).inspectVolume("orders")).isPresent();
    }

    @Test
    void aVolumeThatHoldsDataIsNeverBoundAwayFromIt() {
        PersistentVolume data = berth.volume("orders").create();
        swarm.node(1).volumeFiles("orders").put("ledger.txt", "42".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> onSecondNode(data)).isInstanceOf(BerthException.class)
                .hasMessageContaining("holds data").hasMessageContaining("volume.moveTo(node)");
        assertThat(swarm.node(1).volumeFiles("orders")).containsKey("ledger.txt");
        assertThat(data.node().id()).isEqualTo("node-1");
    }
}
