package dev.berth.docker.internal;

import static dev.berth.docker.internal.FakeBerth.IMAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Berth;
import dev.berth.ContainerState;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.Placement;
import dev.berth.StatefulContainer;
import dev.berth.docker.internal.engine.ContainerQuery;
import dev.berth.docker.internal.fake.FakeNode;
import dev.berth.docker.internal.fake.FakeSwarm;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every call of a container's life whose answer is lost after the engine acted: Berth settles it by reading the
 * engine's state, never repeats a create or a start blindly, and ends where the user asked to be.
 */
class LostAnswersTest {
    @TempDir
    Path snapshots;

    /** One plain engine, and Berth on it; a test of the Swarm makes its own. */
    private final FakeSwarm swarm = FakeSwarm.single();
    private final FakeNode node = swarm.node(1);
    private Berth berth;

    @BeforeEach
    void connect() {
        berth = FakeBerth.on(swarm, snapshots);
    }

    private StatefulContainer start(Berth berth, String name, PersistentVolume data) {
        return berth.container(name).image(IMAGE).mount(data, "/data").start();
    }

    @Test
    void aPlainContainerWhoseCreateAnswerIsLostIsCreatedOnceAndStarted() {
        PersistentVolume data = berth.volume("orders").create();
        node.faults().loseResponse("createContainer", 1).loseResponse("createContainer", 2); // the lock, the container

        StatefulContainer db = start(berth, "db", data);

        assertThat(db.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(node.callCount("createContainer")).as("the lock and the container, each once").isEqualTo(2);
        assertThat(node.listContainers(ContainerQuery.mounting("orders"))).hasSize(1);
    }

    @Test
    void aPlainContainerWhoseStartAnswerIsLostIsStartedOnce() {
        PersistentVolume data = berth.volume("orders").create();
        node.faults().loseResponse("startContainer", 1);

        StatefulContainer db = start(berth, "db", data);

        assertThat(db.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(node.callCount("startContainer")).isEqualTo(1);
    }

    @Test
    void aStartThatDidNotReachTheEngineIsMadeAgain() {
        PersistentVolume data = berth.volume("orders").create();
        node.faults().fail("startContainer", 1, dev.berth.EngineCallException.Reason.UNREACHABLE);

        StatefulContainer db = start(berth, "db", data);

        assertThat(db.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(node.callCount("startContainer")).isEqualTo(2);
    }

    @Test
    void aSwarmServiceWhoseCreateAnswerIsLostIsCreatedOnceAndRunsOnItsNode() {
        FakeSwarm swarm = FakeSwarm.of(2);
        FakeNode manager = swarm.node(1);
        Berth berth = FakeBerth.on(swarm, snapshots);
        Node second = berth.cluster().node("node-2").orElseThrow();
        PersistentVolume data = berth.volume("orders").node(second).create();
        manager.faults().loseResponse("createService", 1);

        StatefulContainer db = berth.container("db").image(IMAGE).mount(data, "/data")
                .placement(Placement.node(second.id())).start();

        assertThat(db.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(db.node().id()).isEqualTo("node-2");
        assertThat(manager.callCount("createService")).isEqualTo(1);
        assertThat(manager.listServices(Map.of())).hasSize(1);
    }

    @Test
    void aStopWhoseAnswerIsLostEndsStopped() {
        StatefulContainer db = start(berth, "db", berth.volume("orders").create());
        node.faults().loseResponse("stopContainer", 1);

        db.stop();

        assertThat(db.state()).isEqualTo(ContainerState.EXITED);
    }

    @Test
    void aRecreateWhoseCreateAnswerIsLostLeavesOneRunningContainer() {
        StatefulContainer db = start(berth, "db", berth.volume("orders").create());
        node.faults().loseResponse("createContainer", 2);

        db.recreate();

        assertThat(db.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(node.listContainers(ContainerQuery.mounting("orders"))).hasSize(1);
    }

    @Test
    void aPauseAndAnUnpauseWhoseAnswersAreLostAreSettledByTheEnginesState() {
        StatefulContainer db = start(berth, "db", berth.volume("orders").create());
        node.faults().loseResponse("pauseContainer", 1).loseResponse("unpauseContainer", 1);

        db.pause();
        assertThat(db.state()).isEqualTo(ContainerState.PAUSED);
        db.unpause();

        assertThat(db.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(node.callCount("pauseContainer")).isEqualTo(1);
        assertThat(node.callCount("unpauseContainer")).isEqualTo(1);
    }

    @Test
    void aPruneWhoseRemoveAnswerIsLostRemovesWhatItShould() {
        StatefulContainer db = start(berth, "db", berth.volume("orders").create());
        db.stop();
        node.faults().loseResponse("removeContainer", 1);

        var report = berth.prune(dev.berth.PruneOptions.builder().build());

        assertThat(report.containers()).containsExactly("db");
        assertThat(node.listContainers(ContainerQuery.mounting("orders"))).isEmpty();
        assertThat(berth.volumes().find("orders")).as("prune keeps volumes unless asked").isPresent();
    }

    @Test
    void pruneNeverRemovesAPausedOrRestartingWriter() {
        StatefulContainer paused = start(berth, "paused", berth.volume("one").create());
        paused.pause();
        StatefulContainer restarting = berth.container("crashing").image(IMAGE)
                .mount(berth.volume("two").create(), "/data").restartPolicy(dev.berth.RestartPolicy.ALWAYS).start();
        node.crash("crashing");

        var report = berth.prune(dev.berth.PruneOptions.builder().build());

        assertThat(report.containers()).isEmpty();
        assertThat(paused.state()).isEqualTo(ContainerState.PAUSED);
        assertThat(restarting.state()).isEqualTo(ContainerState.RESTARTING);
    }

    @Test
    void aWriterStoppedThroughBerthIsNotBroughtBackByAnEngineRestart() {
        PersistentVolume data = berth.volume("orders").create();
        StatefulContainer a = berth.container("first").image(IMAGE).mount(data, "/data")
                .restartPolicy(dev.berth.RestartPolicy.ALWAYS).start();
        a.stop();
        StatefulContainer b = berth.container("second").image(IMAGE).mount(data, "/data")
                .restartPolicy(dev.berth.RestartPolicy.ALWAYS).start();

        node.restartEngine();

        assertThat(a.state()).isEqualTo(ContainerState.EXITED);
        assertThat(b.state()).isEqualTo(ContainerState.RUNNING);
        org.assertj.core.api.Assertions.assertThatThrownBy(a::start).as("b holds the volume")
                .isInstanceOf(dev.berth.ExclusiveAccessException.class);
    }

    @Test
    void aKilledWriterFreesItsVolumeAtOnceAndARunningOneNever() {
        PersistentVolume data = berth.volume("orders").create();
        StatefulContainer first = start(berth, "first", data);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(berth, "second", data))
                .isInstanceOf(dev.berth.ExclusiveAccessException.class).hasMessageContaining("'first'");

        first.kill();

        assertThat(start(berth, "second", data).state()).isEqualTo(ContainerState.RUNNING);
    }
}
