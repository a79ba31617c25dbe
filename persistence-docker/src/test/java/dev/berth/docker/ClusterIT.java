package dev.berth.docker;

import static dev.berth.docker.EngineFixture.BUSYBOX;
import static dev.berth.docker.EngineFixture.SLEEP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Service;
import dev.berth.Berth;
import dev.berth.BerthException;
import dev.berth.ContainerState;
import dev.berth.ExclusiveAccessException;
import dev.berth.MoveReport;
import dev.berth.Node;
import dev.berth.NodeRole;
import dev.berth.PersistentVolume;
import dev.berth.Placement;
import dev.berth.PruneOptions;
import dev.berth.RestartPolicy;
import dev.berth.StatefulContainer;
import dev.berth.VolumeConflictException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Needs the Swarm of scripts/cluster.sh (scripts/test.sh brings it up): fails, never skips, without it. */
@Tag("swarm")
class ClusterIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    private static Node zoneA;
    private static Node zoneB;
    private final Berth berth = engine.berth();

    @BeforeAll
    static void findZones() {
        zoneA = SwarmZones.zone(engine.berth(), "a");
        zoneB = SwarmZones.zone(engine.berth(), "b");
    }

    @AfterAll
    static void cleanNodes() throws Exception {
        // Berth's services first, then every node's containers and volumes of this run.
        PruneOptions everything = PruneOptions.builder().label(EngineFixture.RUN_LABEL, engine.runId())
                .includeRunning(true).includeVolumes(true).retiredOlderThan(Duration.ZERO).build();
        engine.berth().prune(everything);
        // Swarm removes a service's task containers in the background; their volumes go once they are gone.
        for (int i = 0; i < 150 && labelledContainersOnWorkers() > 0; i++) {
            Thread.sleep(100);
        }
        engine.berth().prune(everything);
    }

    private static long labelledContainersOnWorkers() throws Exception {
        long count = 0;
        for (Node node : engine.berth().cluster().nodes()) {
            if (node.role() == NodeRole.WORKER && node.engineEndpoint().isPresent()) {
                try (DockerClient docker = client(node)) {
                    count += docker.listContainersCmd().withShowAll(true)
                            .withLabelFilter(List.of(EngineFixture.RUN_LABEL + "=" + engine.runId())).exec().size();
                }
            }
        }
        return count;
    }

    private static DockerClient client(Node node) {
        return VolumeShell.client(node);
    }

    private static List<String> volumesOn(Node node) {
        return VolumeShell.volumesOn(node);
    }

    @Test
    void theSwarmsNodesHaveIdsRolesLabelsAndEngines() {
        List<Node> nodes = berth.cluster().nodes();

        assertThat(nodes).hasSizeGreaterThanOrEqualTo(3);
        assertThat(nodes.get(0).role()).isEqualTo(NodeRole.MANAGER);
        assertThat(berth.cluster().local().role()).isEqualTo(NodeRole.MANAGER);
        assertThat(nodes).allMatch(Node::ready).extracting(Node::id).doesNotHaveDuplicates();
        assertThat(zoneA.engineEndpoint()).isPresent();

        Node labelled = berth.cluster().label(zoneA, "dev.berth.it-run", engine.runId());
        assertThat(labelled.labels()).containsEntry("dev.berth.it-run", engine.runId()).containsEntry("zone", "a");
    }

    @Test
    void writtenOnNodeAReadOnNodeB() throws Exception {
        PersistentVolume data = berth.volume(engine.name("lab")).node(zoneA).create();
        assertThat(data.node().id()).isEqualTo(zoneA.id());
        assertThat(volumesOn(zoneA)).contains(data.name());

        StatefulContainer c = berth.container(engine.name("lab")).image(BUSYBOX).command(SLEEP)
                .mount(data, "/data").start();
        assertThat(c.node().id()).as("a container follows its data").isEqualTo(zoneA.id());
        assertThat(c.exec("sh", "-c", "echo written-on-a > /data/note && mkdir -p /data/d && echo x > /data/d/y && sync")
                .exitCode()).isZero();

        MoveReport report = c.moveTo(zoneB);

        assertThat(report.from().id()).isEqualTo(zoneA.id());
        assertThat(report.to().id()).isEqualTo(zoneB.id());
        assertThat(report.bytesCopied()).isGreaterThan(0);
        assertThat(report.filesVerified()).isGreaterThanOrEqualTo(3);
        assertThat(report.downtime()).isPositive();
        assertThat(c.node().id()).isEqualTo(zoneB.id());
        assertThat(c.exec("cat", "/data/note").stdout()).isEqualTo("written-on-a\n");
        assertThat(c.exec("cat", "/data/d/y").stdout()).isEqualTo("x\n");
        assertThat(volumesOn(zoneB)).contains(data.name());
        assertThat(volumesOn(zoneA)).doesNotContain(data.name())
                .anyMatch(v -> v.startsWith(data.name() + ".retired-"));
        String retired = volumesOn(zoneA).stream().filter(v -> v.startsWith(data.name() + ".retired-")).findFirst()
                .orElseThrow();
        assertThat(readOn(zoneA, retired, "note")).as("the retired copy holds the data as it left")
                .isEqualTo("written-on-a\n");

        PruneOptions.Builder prune = PruneOptions.builder().label(EngineFixture.RUN_LABEL, engine.runId());
        assertThat(berth.prune(prune.retiredOlderThan(Duration.ofDays(7)).build()).volumes())
                .as("within its grace period the retired copy stays").isEmpty();
        assertThat(berth.prune(prune.retiredOlderThan(Duration.ZERO).build()).volumes())
                .singleElement().asString().startsWith(data.name() + ".retired-");
        assertThat(volumesOn(zoneA)).noneMatch(v -> v.startsWith(data.name()));
        assertThat(c.exec("cat", "/data/note").stdout()).as("the moved data is untouched").isEqualTo("written-on-a\n");
    }

    @Test
    void aMoveThatFailsLeavesTheContainerRunningOnTheSourceWithItsData() throws Exception {
        PersistentVolume data = berth.volume(engine.name("back")).node(zoneA).create();
        StatefulContainer c = berth.container(engine.name("back")).image(BUSYBOX).command(SLEEP)
                .mount(data, "/data").start();
        c.exec("sh", "-c", "echo still-here > /data/f && sync");
        // Zone b has a volume of that name already (Berth itself refuses to make such a twin now, so it is made
        // behind its back): Berth never overwrites one, so the move must fail.
        try (DockerClient b = client(zoneB)) {
            b.createVolumeCmd().withName(data.name()).withLabels(java.util.Map.of(EngineFixture.RUN_LABEL,
                    engine.runId(), "dev.berth.managed-by", "berth")).exec();
        }

        assertThatThrownBy(() -> c.moveTo(zoneB)).isInstanceOf(VolumeConflictException.class)
                .hasMessageContaining(data.name());

        assertThat(c.node().id()).isEqualTo(zoneA.id());
        assertThat(c.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(c.exec("cat", "/data/f").stdout()).isEqualTo("still-here\n");
        assertThat(volumesOn(zoneB)).as("the other volume is untouched").contains(data.name());
    }

    @Test
    void aVolumeMovesAloneAndAContainerFollowsIt() {
        PersistentVolume data = berth.volume(engine.name("alone")).node(zoneA).create();
        StatefulContainer writer = berth.container(engine.name("alone-w")).image(BUSYBOX).command(SLEEP)
                .mount(data, "/data").start();
        writer.exec("sh", "-c", "echo 42 > /data/answer && sync");
        writer.remove();

        PersistentVolume moved = data.moveTo(zoneB);

        assertThat(moved.node().id()).isEqualTo(zoneB.id());
        StatefulContainer reader = berth.container(engine.name("alone-r")).image(BUSYBOX).command(SLEEP)
                .mount(moved, "/data").start();
        assertThat(reader.node().id()).isEqualTo(zoneB.id());
        assertThat(reader.exec("cat", "/data/answer").stdout()).isEqualTo("42\n");
    }

    @Test
    void onASwarmItRunsAsAOneTaskServicePinnedToItsDataAndSwarmRestartsItThere() throws Exception {
        PersistentVolume data = berth.volume(engine.name("svc")).node(zoneA).create();
        StatefulContainer c = berth.container(engine.name("svc")).image(BUSYBOX).command(SLEEP).mount(data, "/data")
                .restartPolicy(RestartPolicy.ALWAYS).start();
        assertThat(c.exec("sh", "-c", "echo kept > /data/f && sync").exitCode()).isZero();

        Service service = engine.docker().listServicesCmd().withNameFilter(List.of(c.name())).exec().stream()
                .filter(s -> s.getSpec().getName().equals(c.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no Swarm service named " + c.name()));
        assertThat(service.getSpec().getMode().getReplicated().getReplicas()).isEqualTo(1);
        assertThat(service.getSpec().getTaskTemplate().getPlacement().getConstraints())
                .contains("node.id==" + zoneA.id());

        String first = taskContainerOn(zoneA, c.name()).orElseThrow();
        try (DockerClient node = client(zoneA)) {
            node.killContainerCmd(first).exec();
        }
        // Swarm, not Berth, brings it back: a new task, on the node of the data.
        String second = null;
        for (int i = 0; i < 300 && (second == null || second.equals(first)); i++) {
            Thread.sleep(100);
            second = taskContainerOn(zoneA, c.name()).orElse(null);
        }
        assertThat(second).as("a new task's container on node " + zoneA.id()).isNotNull().isNotEqualTo(first);
        assertThat(c.exec("cat", "/data/f").stdout()).isEqualTo("kept\n");
        assertThat(c.node().id()).isEqualTo(zoneA.id());

        c.remove();
        assertThat(engine.docker().listServicesCmd().withNameFilter(List.of(c.name())).exec()).isEmpty();
        assertThat(taskContainerOn(zoneA, c.name())).isEmpty();
    }

    @Test
    void asAServiceItKeepsItsDataThroughEveryLifecycleOperation() {
        PersistentVolume data = berth.volume(engine.name("life")).node(zoneB).create();
        StatefulContainer c = berth.container(engine.name("life")).image(BUSYBOX).command(SLEEP)
                .mount(data, "/data").create();
        assertThat(c.state()).isEqualTo(ContainerState.ABSENT);
        c.start();
        c.exec("sh", "-c", "echo kept > /data/f && sync");

        c.restart();
        assertThat(c.exec("cat", "/data/f").stdout()).isEqualTo("kept\n");
        c.recreate();
        assertThat(c.exec("cat", "/data/f").stdout()).isEqualTo("kept\n");
        c.stop();
        assertThat(c.state()).isNotEqualTo(ContainerState.RUNNING);
        c.start();
        assertThat(c.exec("cat", "/data/f").stdout()).isEqualTo("kept\n");
        c.kill();
        c.start();
        assertThat(c.state()).isEqualTo(ContainerState.RUNNING);
        c.pause();
        assertThat(c.state()).isEqualTo(ContainerState.PAUSED);
        c.unpause();
        assertThat(c.exec("cat", "/data/f").stdout()).isEqualTo("kept\n");
        assertThat(c.logs()).isNotNull();
        assertThat(c.node().id()).isEqualTo(zoneB.id());
    }

    @Test
    void aSecondWriterOnASingleWriterVolumeIsRefusedOnItsNodeToo() {
        PersistentVolume data = berth.volume(engine.name("one-writer")).node(zoneA).create();
        StatefulContainer first = berth.container(engine.name("writer-1")).image(BUSYBOX).command(SLEEP)
                .mount(data, "/data").start();

        assertThatThrownBy(() -> berth.container(engine.name("writer-2")).image(BUSYBOX).command(SLEEP)
                .mount(data, "/data").placement(Placement.node(zoneA.id())).start())
                .isInstanceOf(ExclusiveAccessException.class).hasMessageContaining(first.name());
        assertThat(first.state()).isEqualTo(ContainerState.RUNNING);
    }

    /** A file of a volume on that node, read by a throwaway container. */
    private static String readOn(Node node, String volume, String file) {
        return VolumeShell.onNode(engine, node, volume, "cat '/data/" + file + "'");
    }

    /** The running container of the service's task on that node. */
    private static java.util.Optional<String> taskContainerOn(Node node, String service) throws Exception {
        try (DockerClient docker = client(node)) {
            return docker.listContainersCmd().withLabelFilter(java.util.Map.of("com.docker.swarm.service.name", service))
                    .exec().stream().map(com.github.dockerjava.api.model.Container::getId).findFirst();
        }
    }

    @Test
    void aPlacementPicksANodeOfTheSwarm() {
        StatefulContainer c = berth.container(engine.name("placed")).image(BUSYBOX).command(SLEEP)
                .placement(Placement.label("zone", "b")).start();

        assertThat(c.node().id()).isEqualTo(zoneB.id());
    }

    @Test
    void aPlacementThatExcludesTheDataIsRefused() {
        PersistentVolume data = berth.volume(engine.name("pinned")).node(zoneA).create();

        assertThatThrownBy(() -> berth.container(engine.name("pinned")).image(BUSYBOX).command(SLEEP)
                .mount(data, "/data").placement(Placement.label("zone", "b")).start())
                .isInstanceOf(BerthException.class).hasMessageContaining("excludes node " + zoneA.id())
                .hasMessageContaining("volume.moveTo");
    }

    @Test
    void aVolumeMadeWithoutANodeIsMadeWhereItsFirstContainerIsPlacedAndTheHandleFollows() {
        Node manager = berth.cluster().local();
        PersistentVolume data = berth.volume(engine.name("first-use")).create();

        StatefulContainer c = berth.container(engine.name("first-use")).image(BUSYBOX).command(SLEEP)
                .mount(data, "/data").placement(Placement.label("zone", "b")).start();

        assertThat(c.node().id()).isEqualTo(zoneB.id());
        assertThat(data.node().id()).isEqualTo(zoneB.id());
        assertThat(c.exec("sh", "-c", "echo bound > /data/f").exitCode()).isZero();
        assertThat(readOn(zoneB, data.name(), "f")).isEqualTo("bound\n");
        assertThat(volumesOn(manager)).doesNotContain(data.name());
        assertThat(berth.volume(data.name()).create().node().id()).isEqualTo(zoneB.id());
    }
}
