package dev.berth.docker.internal;

import static dev.berth.docker.internal.FakeBerth.IMAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.Berth;
import dev.berth.BerthException;
import dev.berth.ContainerState;
import dev.berth.EngineCallException.Reason;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.Placement;
import dev.berth.Snapshot;
import dev.berth.StatefulContainer;
import dev.berth.docker.internal.fake.FakeNode;
import dev.berth.docker.internal.fake.FakeSwarm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moves and snapshots, the paths that touch several calls and nodes, under lost answers and failures. */
class LostAnswersAcrossNodesTest {
    @TempDir
    Path snapshots;

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMoveWhoseCopyFailsLeavesTheContainerRunningOnTheSourceWithItsData() {
        FakeSwarm swarm = FakeSwarm.of(2);
        Berth berth = FakeBerth.on(swarm, snapshots);
        Node first = berth.cluster().node("node-1").orElseThrow();
        Node second = berth.cluster().node("node-2").orElseThrow();
        PersistentVolume data = berth.volume("orders").node(first).create();
        swarm.node(1).volumeFiles("orders").put("ledger.txt", text("42"));
        StatefulContainer db = berth.container("db").image(IMAGE).mount(data, "/data")
                .placement(Placement.node(first.id())).start();
        swarm.node(2).faults().failEvery("upload", Reason.FAILED);

        assertThatThrownBy(() -> db.moveTo(second)).isInstanceOf(BerthException.class);

        assertThat(db.node().id()).isEqualTo("node-1");
        assertThat(db.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(swarm.node(1).volumeFiles("orders")).containsKey("ledger.txt");
        assertThat(new String(swarm.node(1).volumeFiles("orders").get("ledger.txt"), StandardCharsets.UTF_8))
                .isEqualTo("42");
    }

    @Test
    void aMoveWhoseAnswersAreLostArrivesOnceWithTheData() {
        FakeSwarm swarm = FakeSwarm.of(2);
        Berth berth = FakeBerth.on(swarm, snapshots);
        Node first = berth.cluster().node("node-1").orElseThrow();
        Node second = berth.cluster().node("node-2").orElseThrow();
        PersistentVolume data = berth.volume("orders").node(first).create();
        swarm.node(1).volumeFiles("orders").put("ledger.txt", text("42"));
        StatefulContainer db = berth.container("db").image(IMAGE).mount(data, "/data").start();
        swarm.node(1).faults().loseResponse("createService", 1);
        swarm.node(2).faults().loseResponse("upload", 1).loseResponse("createContainer", 1);

        db.moveTo(second);

        assertThat(db.node().id()).isEqualTo("node-2");
        assertThat(db.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(new String(swarm.node(2).volumeFiles("orders").get("ledger.txt"), StandardCharsets.UTF_8))
                .isEqualTo("42");
        assertThat(swarm.node(1).callCount("createService")).isEqualTo(1);
        assertThat(swarm.node(1).listServices(java.util.Map.of())).hasSize(1);
    }

    @Test
    void aSnapshotWhosePauseAndUnpauseAnswersAreLostLeavesNoWriterPaused() {
        FakeSwarm swarm = FakeSwarm.single();
        FakeNode node = swarm.node(1);
        Berth berth = FakeBerth.on(swarm, snapshots);
        PersistentVolume data = berth.volume("orders").create();
        node.volumeFiles("orders").put("ledger.txt", text("42"));
        StatefulContainer db = berth.container("db").image(IMAGE).mount(data, "/data").start();
        node.faults().loseResponse("pauseContainer", 1).loseResponse("unpauseContainer", 1);

        Snapshot snapshot = data.snapshot("before");

        assertThat(db.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(node.callCount("pauseContainer")).isEqualTo(1);
        assertThat(node.callCount("unpauseContainer")).isEqualTo(1);
        snapshot.verify();
        assertThat(snapshot.sizeBytes()).isEqualTo(2);
    }

    @Test
    void aSnapshotWhoseStreamFailsResumesTheWritersAndSaysSo() {
        FakeSwarm swarm = FakeSwarm.single();
        FakeNode node = swarm.node(1);
        Berth berth = FakeBerth.on(swarm, snapshots);
        PersistentVolume data = berth.volume("orders").create();
        StatefulContainer db = berth.container("db").image(IMAGE).mount(data, "/data").start();
        node.faults().failEvery("download", Reason.FAILED);

        assertThatThrownBy(() -> data.snapshot("before")).isInstanceOf(BerthException.class);

        assertThat(db.state()).isEqualTo(ContainerState.RUNNING);
    }

    @Test
    void aSnapshotWhoseStreamStallsFailsWithinTheDeadlineAndResumesTheWriters() {
        FakeSwarm swarm = FakeSwarm.single();
        FakeNode node = swarm.node(1);
        Berth berth = FakeBerth.on(swarm, snapshots);
        PersistentVolume data = berth.volume("orders").create();
        node.volumeFiles("orders").put("ledger.txt", text("42"));
        StatefulContainer db = berth.container("db").image(IMAGE).mount(data, "/data").start();
        node.faults().readTimeout(java.time.Duration.ofMillis(300)).stall("download");

        long started = System.nanoTime();
        assertThatThrownBy(() -> data.snapshot("before")).isInstanceOf(BerthException.class);

        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(5));
        assertThat(db.state()).isEqualTo(ContainerState.RUNNING);
    }

    /** A copy of the export whose manifest says it was made at {@code createdAt} (in properties form). */
    private java.nio.file.Path redated(java.nio.file.Path export, String createdAt) throws java.io.IOException {
        java.nio.file.Path out = export.resolveSibling("redated.snapshot");
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                java.nio.file.Files.newInputStream(export));
                var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                        java.nio.file.Files.newOutputStream(out))) {
            tar.setLongFileMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] body = in.readAllBytes();
                if (e.getName().endsWith("manifest.properties")) {
                    body = new String(body, StandardCharsets.UTF_8).replaceAll("createdAt=.*", "createdAt=" + createdAt)
                            .getBytes(StandardCharsets.UTF_8);
                }
                e.setSize(body.length);
                tar.putArchiveEntry(e);
                tar.write(body);
                tar.closeArchiveEntry();
            }
        }
        return out;
    }

    @Test
    void aSnapshotDatedInTheFutureCannotMakeRetainDropRealOnes() throws Exception {
        FakeSwarm swarm = FakeSwarm.single();
        Berth berth = FakeBerth.on(swarm, snapshots);
        PersistentVolume data = berth.volume("orders").create();
        Snapshot first = data.snapshot("one");
        Snapshot second = data.snapshot("two");
        Snapshot third = data.snapshot("three");
        // As an import from a machine whose clock is far ahead brings it: exported, re-dated, imported.
        java.nio.file.Path export = snapshots.resolve("first.snapshot");
        first.exportTo(export);
        first.delete();
        berth.snapshots().importFrom(redated(export, "2099-01-01T00\\:00\\:00Z"));
        assertThat(berth.snapshots().forVolume("orders")).filteredOn(s -> s.id().equals(first.id()))
                .singleElement().satisfies(s -> assertThat(s.createdAt().toString()).startsWith("2099"));

        berth.snapshots().retain("orders", dev.berth.Retention.keepLast(2));

        assertThat(berth.snapshots().forVolume("orders")).extracting(Snapshot::id)
                .contains(second.id(), third.id());
    }

    @Test
    void aMoveWhoseTargetNeverRunsLeavesNothingThereAndTheContainerBackOnTheSource() {
        FakeSwarm swarm = FakeSwarm.of(2);
        Berth berth = FakeBerth.on(swarm, snapshots);
        Node second = berth.cluster().node("node-2").orElseThrow();
        PersistentVolume data = berth.volume("orders").create();
        swarm.node(1).volumeFiles("orders").put("ledger.txt", text("42"));
        StatefulContainer db = berth.container("db").image(IMAGE).mount(data, "/data")
                .readyWhen(dev.berth.Readiness.when("ready only on node-1", c -> c.node().id().equals("node-1"))
                        .withTimeout(java.time.Duration.ofMillis(500))).start();

        assertThatThrownBy(() -> db.moveTo(second)).isInstanceOf(BerthException.class);

        assertThat(db.node().id()).isEqualTo("node-1");
        assertThat(db.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(swarm.node(1).listServices(java.util.Map.of())).as("no service left for node-2").isEmpty();
        assertThat(swarm.node(2).inspectVolume("orders")).as("the target's copy is gone").isEmpty();
    }

    @Test
    void retiredCopiesAreKeptWhileANodeIsDownAndByIncludeVolumesAlone() {
        FakeSwarm swarm = FakeSwarm.of(2);
        Berth berth = FakeBerth.on(swarm, snapshots);
        Node second = berth.cluster().node("node-2").orElseThrow();
        PersistentVolume data = berth.volume("orders").create();
        swarm.node(1).volumeFiles("orders").put("ledger.txt", text("42"));
        StatefulContainer db = berth.container("db").image(IMAGE).mount(data, "/data").start();
        db.moveTo(second);
        db.stop();

        assertThat(berth.prune(dev.berth.PruneOptions.builder().includeVolumes(true).build()).volumes())
                .noneMatch(v -> v.contains(".retired-"));
        swarm.down(2);
        assertThat(berth.prune(dev.berth.PruneOptions.builder().retiredOlderThan(java.time.Duration.ZERO).build())
                .volumes()).as("node-2, with the moved copy, is down").isEmpty();
        swarm.up(2);
        assertThat(berth.prune(dev.berth.PruneOptions.builder().retiredOlderThan(java.time.Duration.ZERO).build())
                .volumes()).singleElement().asString().startsWith("orders.retired-");
    }

    @Test
    void afterAMoveNoEmptyTwinCanBeMadeWhereTheVolumeWas() {
        FakeSwarm swarm = FakeSwarm.of(2);
        Berth berth = FakeBerth.on(swarm, snapshots);
        Node first = berth.cluster().node("node-1").orElseThrow();
        Node second = berth.cluster().node("node-2").orElseThrow();
        PersistentVolume data = berth.volume("orders").create();
        StatefulContainer db = berth.container("db").image(IMAGE).mount(data, "/data").start();
        db.moveTo(second);

        assertThatThrownBy(() -> berth.volume("orders").node(first).create())
                .isInstanceOf(dev.berth.VolumeConflictException.class).hasMessageContaining("node-2");
        assertThat(berth.volume("orders").node(second).create().name()).as("where it lives, it is found")
                .isEqualTo("orders");
    }
}
