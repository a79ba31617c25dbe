package dev.berth.docker;

import static dev.berth.docker.EngineFixture.BUSYBOX;
import static dev.berth.docker.EngineFixture.SLEEP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.Berth;
import dev.berth.PersistentVolume;
import dev.berth.ReclaimPolicy;
import dev.berth.ReplicaSet;
import dev.berth.StatefulContainer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Replica sets on the real engine, and spread over the zones of the Swarm of scripts/cluster.sh. */
class ReplicaSetIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    private final Berth berth = engine.berth();

    @AfterAll
    static void removeRetainedVolumes() {
        // Replica volumes are kept on purpose (RETAIN): the test removes its own, on every node.
        engine.pruneRun();
    }

    private static String read(StatefulContainer c, String path) {
        return c.exec("cat", path).stdout().strip();
    }

    @Test
    void everyOrdinalHasItsOwnVolumeAndFindsItAgainAfterScalingDownAndUp() {
        ReplicaSet set = berth.replicaSet(engine.name("rs")).replicas(3).mount("data", "/data")
                .template(c -> c.image(BUSYBOX).command(SLEEP)).start();

        assertThat(set.replicas()).extracting(StatefulContainer::name)
                .containsExactly(engine.name("rs") + "-0", engine.name("rs") + "-1", engine.name("rs") + "-2");
        for (int i = 0; i < 3; i++) {
            assertThat(set.replica(i).exec("sh", "-c", "echo ordinal-" + i + " > /data/me && sync").exitCode()).isZero();
        }
        PersistentVolume third = berth.volumes().find("data-" + engine.name("rs") + "-2").orElseThrow();
        assertThat(third.reclaimPolicy()).isEqualTo(ReclaimPolicy.RETAIN);

        set.scale(1);
        assertThat(set.size()).isEqualTo(1);
        assertThat(berth.volumes().find(third.name())).as("scaling down keeps the data").isPresent();

        set.scale(3);
        assertThat(read(set.replica(2), "/data/me")).isEqualTo("ordinal-2");
        assertThat(read(set.replica(1), "/data/me")).isEqualTo("ordinal-1");

        set.rollingRecreate();
        assertThat(set.replicas()).allSatisfy(r -> assertThat(read(r, "/data/me")).startsWith("ordinal-"));
        assertThat(read(set.replica(0), "/data/me")).isEqualTo("ordinal-0");

        assertThat(set.primary().name()).isEqualTo(engine.name("rs") + "-0");
        set.promote(set.replica(2));
        assertThat(set.primary().name()).isEqualTo(engine.name("rs") + "-2");
        set.scale(2);
        assertThat(set.primary().name()).as("the primary was scaled away: ordinal 0 takes over")
                .isEqualTo(engine.name("rs") + "-0");

        set.remove();
        assertThat(set.size()).isZero();
        assertThat(berth.volumes().find("data-" + engine.name("rs") + "-0")).isPresent();
    }

    @Test
    void badInputIsRefusedSayingWhatToDo() {
        assertThatThrownBy(() -> berth.replicaSet(engine.name("bad")).replicas(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 or more");
        ReplicaSet none = berth.replicaSet(engine.name("none")).replicas(0).template(c -> c.image(BUSYBOX)).start();
        assertThatThrownBy(() -> none.replica(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 0 replicas");

    }

    @Test
    @Tag("swarm")
    void onASwarmASpreadOverALabelNoNodeCarriesIsRefusedSayingWhatToDo() {
        assertThatThrownBy(() -> berth.replicaSet(engine.name("rack")).replicas(1).mount("data", "/data")
                .template(c -> c.image(BUSYBOX).command(SLEEP)).spread("rack").start())
                .hasMessageContaining("label nodes with cluster().label(node, \"rack\", value)");
    }

    @Test
    @Tag("swarm")
    void onASwarmReplicasSpreadOverZonesEachOnTheNodeOfItsOwnData() {
        ReplicaSet set = berth.replicaSet(engine.name("zones")).replicas(2).mount("data", "/data")
                .template(c -> c.image(BUSYBOX).command(SLEEP)).spread("zone").start();

        Set<String> zones = set.replicas().stream().map(r -> r.node().labels().get("zone")).collect(Collectors.toSet());
        assertThat(zones).containsExactlyInAnyOrder("a", "b");
        List<String> nodes = set.replicas().stream().map(r -> r.node().id()).toList();
        for (int i = 0; i < 2; i++) {
            StatefulContainer replica = set.replica(i);
            assertThat(replica.volumes()).singleElement()
                    .satisfies(v -> assertThat(v.node().id()).isEqualTo(replica.node().id()));
            replica.exec("sh", "-c", "echo zone-" + replica.node().labels().get("zone") + " > /data/me && sync");
        }

        set.scale(0);
        set.scale(2);

        assertThat(set.replicas().stream().map(r -> r.node().id()).toList())
                .as("each ordinal comes back where its data is").isEqualTo(nodes);
        for (StatefulContainer replica : set.replicas()) {
            assertThat(read(replica, "/data/me")).isEqualTo("zone-" + replica.node().labels().get("zone"));
        }
    }
}
