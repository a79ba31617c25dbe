package dev.berth.docker.internal;

import static dev.berth.docker.internal.FakeBerth.IMAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Berth;
import dev.berth.ReplicaSet;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.ContainerQuery;
import dev.berth.docker.internal.fake.FakeNode;
import dev.berth.docker.internal.fake.FakeSwarm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica set with roles (a primary and its standbys) when the primary's node is lost: a standby is promoted, and
 * the former primary, whose node may come back with it, never runs again beside the new one.
 */
class ReplicaSetFailoverTest {
    @TempDir
    Path snapshots;

    private final FakeSwarm swarm = FakeSwarm.of(3);

    /** Three sites, one node each; the primary goes to site a, node-2 (ties go to the smaller value). */
    private ReplicaSet database(Berth berth) {
        swarm.node(1).label("site", "c");
        swarm.node(2).label("site", "a");
        swarm.node(3).label("site", "b");
        return berth.replicaSet("db").replicas(3).mount("data", "/data")
                .template(c -> c.image(IMAGE).env("ROLE", "primary"))
                .replicaTemplate((c, primary) -> c.image(IMAGE).env("ROLE", "standby of " + primary.name()))
                .spread("site").start();
    }

    private List<String> running(FakeNode node) {
        return node.listContainers(ContainerQuery.mounting("data-db-0")).stream().filter(ContainerInfo::running)
                .map(ContainerInfo::name).toList();
    }

    @Test
    void replicasOtherThanThePrimaryAreMadeFromItsReplicaTemplate() {
        ReplicaSet db = database(FakeBerth.on(swarm, snapshots));

        assertThat(db.primary().spec().env()).containsEntry("ROLE", "primary");
        assertThat(db.replica(1).spec().env()).containsEntry("ROLE", "standby of db-0");
        assertThat(db.replica(2).spec().env()).containsEntry("ROLE", "standby of db-0");
        assertThat(db.replicas()).extracting(r -> r.node().id()).containsExactly("node-2", "node-3", "node-1");
    }

    @Test
    void aFormerPrimaryWhoseNodeWasDownIsStoppedAndNeverStartedAgainWhenTheNodeReturns() {
        ReplicaSet db = database(FakeBerth.on(swarm, snapshots));
        assertThat(running(swarm.node(2))).hasSize(1);

        swarm.down(2);
        db.promote(db.replica(1));
        swarm.up(2);
        swarm.reconcile();

        assertThat(db.primary().name()).isEqualTo("db-1");
        assertThat(running(swarm.node(2))).as("the former primary, on the node that came back").isEmpty();
        db.rollingRecreate();
        assertThat(running(swarm.node(2))).as("after a rolling recreate").isEmpty();
        assertThat(db.scale(4).replica(3).spec().env()).as("a new standby follows the new primary")
                .containsEntry("ROLE", "standby of db-1");
    }

    @Test
    void aPromotionWhileThePrimarysNodeIsUpOnlyMovesTheRole() {
        ReplicaSet db = database(FakeBerth.on(swarm, snapshots));

        db.promote(db.replica(2));
        swarm.reconcile();

        assertThat(db.primary().name()).isEqualTo("db-2");
        assertThat(running(swarm.node(2))).as("a switchover leaves demoting the old primary to the recipe").hasSize(1);
    }
}
