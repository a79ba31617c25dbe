package dev.berth.docker.internal;

import static dev.berth.docker.internal.FakeBerth.IMAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Berth;
import dev.berth.ContainerState;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.PruneOptions;
import dev.berth.StatefulContainer;
import dev.berth.VolumeConflictException;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.ContainerQuery;
import dev.berth.docker.internal.fake.FakeNode;
import dev.berth.docker.internal.fake.FakeSwarm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moves cut short at every step: by a JVM that dies (no rollback, no finally of Berth's runs on), and by a prune that
 * runs between any two steps. After each, the next start finds exactly one live copy with the data, and runs once.
 */
class InterruptedMovesTest {
    /** Every engine call that changes something: the steps a JVM can die between. */
    private static final List<String> ACTING = List.of("createContainer", "startContainer", "stopContainer",
            "killContainer", "removeContainer", "createVolume", "removeVolume", "upload", "createService",
            "updateService", "removeService", "updateRestartPolicy", "createSecret", "removeSecret");

    @TempDir
    Path snapshots;

    /** What a JVM that dies mid-call looks like from inside: nothing after it runs, not even a rollback. */
    private static final class Death extends Error {
        Death() {
            super("the JVM died here", null, false, false);
        }
    }

    @Test
    void aJvmThatDiesAtAnyStepOfAMoveLeavesOneLiveCopyThatTheNextStartRunsOn() {
        int steps = 0;
        for (int step = 1; ; step++) {
            FakeSwarm swarm = FakeSwarm.of(2);
            StatefulContainer db = runningOnFirst(swarm, FakeBerth.on(swarm, snapshots));
            AtomicInteger acted = new AtomicInteger();
            int dieAt = step;
            everyActingCall(swarm, () -> {
                if (acted.incrementAndGet() == dieAt) {
                    throw new Death();
                }
            });
            boolean died = false;
            try {
                db.moveTo(FakeBerth.on(swarm, snapshots).cluster().node("node-2").orElseThrow());
            } catch (Death e) {
                died = true;
            }
            swarm.nodes().forEach(n -> n.faults().clear());

            StatefulContainer again = nextStart(FakeBerth.on(swarm, snapshots));

            assertOneLiveCopy(swarm, again, "step " + step);
            if (!died) {
                steps = step - 1;
                break; // the move ran through: every step before it was a place to die
            }
        }
        assertThat(steps).as("steps at which the move was cut").isGreaterThan(10);
    }

    @Test
    void aPruneBetweenAnyTwoStepsOfAMoveCannotMakeItLoseData() {
        for (int step = 1; ; step++) {
            FakeSwarm swarm = FakeSwarm.of(2);
            Berth berth = FakeBerth.on(swarm, snapshots);
            StatefulContainer db = runningOnFirst(swarm, berth);
            Berth pruner = FakeBerth.on(swarm, snapshots);
            AtomicInteger acted = new AtomicInteger();
            AtomicBoolean pruning = new AtomicBoolean();
            AtomicBoolean pruned = new AtomicBoolean();
            int pruneAt = step;
            everyActingCall(swarm, () -> {
                if (!pruning.get() && acted.incrementAndGet() == pruneAt) {
                    pruning.set(true);
                    pruner.prune(PruneOptions.builder().includeVolumes(true).retiredOlderThan(Duration.ZERO).build());
                    pruned.set(true);
                }
            });

            db.moveTo(berth.cluster().node("node-2").orElseThrow());
            swarm.nodes().forEach(n -> n.faults().clear());

            assertOneLiveCopy(swarm, db, "prune before step " + step);
            assertThat(db.node().id()).isEqualTo("node-2");
            if (!pruned.get()) {
                break;
            }
        }
    }

    private static StatefulContainer runningOnFirst(FakeSwarm swarm, Berth berth) {
        Node first = berth.cluster().node("node-1").orElseThrow();
        PersistentVolume data = berth.volume("orders").node(first).create();
        swarm.node(1).volumeFiles("orders").put("ledger.txt", "42".getBytes(StandardCharsets.UTF_8));
        return berth.container("db").image(IMAGE).mount(data, "/data").start();
    }

    /**
     * The user's program run again: its volume where it was made, or, when Berth says a move took it elsewhere, there.
     */
    private static StatefulContainer nextStart(Berth berth) {
        PersistentVolume data;
        try {
            data = berth.volume("orders").node(berth.cluster().node("node-1").orElseThrow()).create();
        } catch (VolumeConflictException e) {
            data = berth.volume("orders").node(berth.cluster().node("node-2").orElseThrow()).create();
        }
        return berth.container("db").image(IMAGE).mount(data, "/data").start();
    }

    private static void everyActingCall(FakeSwarm swarm, Runnable hook) {
        for (FakeNode node : swarm.nodes()) {
            ACTING.forEach(call -> node.faults().beforeCall(call, hook));
        }
    }

    private static void assertOneLiveCopy(FakeSwarm swarm, StatefulContainer db, String when) {
        assertThat(db.state()).as(when).isEqualTo(ContainerState.RUNNING);
        int live = db.node().id().equals("node-1") ? 1 : 2;
        FakeNode here = swarm.node(live);
        FakeNode other = swarm.node(3 - live);
        assertThat(new String(here.volumeFiles("orders").get("ledger.txt"), StandardCharsets.UTF_8)).as(when)
                .isEqualTo("42");
        assertThat(other.inspectVolume("orders")).as(when + ": a second copy").isEmpty();
        long writers = swarm.nodes().stream().flatMap(n -> n.listContainers(ContainerQuery.mounting("orders")).stream())
                .filter(ContainerInfo::running).count();
        assertThat(writers).as(when + ": running writers").isEqualTo(1);
        for (FakeNode node : swarm.nodes()) {
            assertThat(node.listContainers(ContainerQuery.labelled(Map.of())).stream().map(ContainerInfo::name)
                    .filter(n -> n.startsWith("berth-move.") || n.startsWith("berth-incoming."))).as(when).isEmpty();
        }
    }
}
