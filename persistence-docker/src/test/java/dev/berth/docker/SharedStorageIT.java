package dev.berth.docker;

import static dev.berth.docker.EngineFixture.BUSYBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.AccessMode;
import dev.berth.Berth;
import dev.berth.ExclusiveAccessException;
import dev.berth.MoveReport;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.Placement;
import dev.berth.StatefulContainer;
import dev.berth.VolumeScope;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Shared storage through a real third-party volume plugin, rclone's (scripts/rclone-plugin.sh starts it for the whole
 * test run): a volume declared GLOBAL is created on each node where a container mounts it, with its driver options
 * (uid and gid pass through), shows the same data from every node, moves without a copy, and keeps one writer
 * across the Swarm.
 */
@Tag("swarm")
class SharedStorageIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    private final Berth berth = engine.berth();

    @AfterAll
    static void clean() {
        engine.pruneRun();
    }

    private PersistentVolume shared(String name, AccessMode mode, Node node) {
        return berth.volume(engine.name(name)).node(node).driver("rclone").option("type", "local")
                .option("path", "/srv/berth-rclone/" + engine.name(name)).option("uid", "1000").option("gid", "1000")
                // appends and rewrites in place need rclone's write cache; a short directory cache shows other
                // nodes' changes soon
                .option("vfs-cache-mode", "writes").option("dir-cache-time", "1s")
                .scope(VolumeScope.GLOBAL).accessMode(mode).create();
    }

    private StatefulContainer on(Node node, String name, PersistentVolume volume) {
        return berth.container(engine.name(name)).image(BUSYBOX).command(EngineFixture.SLEEP).mount(volume, "/data")
                .placement(Placement.node(node.id())).stopTimeout(Duration.ofSeconds(1)).start();
    }

    /** Starts where the volume was made (no placement, so that a move may take it anywhere). */
    private StatefulContainer withoutPlacement(String name, PersistentVolume volume) {
        return berth.container(engine.name(name)).image(BUSYBOX).command(EngineFixture.SLEEP).mount(volume, "/data")
                .stopTimeout(Duration.ofSeconds(1)).start();
    }

    @Test
    void aGlobalVolumeShowsTheSameDataOnEveryNodeAndMovesWithoutACopy() {
        Node a = berth.cluster().withLabel("zone", "a").orElseThrow();
        Node b = berth.cluster().withLabel("zone", "b").orElseThrow();
        PersistentVolume media = shared("media", AccessMode.SINGLE_WRITER, a);
        assertThat(media.scope()).isEqualTo(VolumeScope.GLOBAL);

        StatefulContainer app = withoutPlacement("media-app", media);
        assertThat(app.node().id()).isEqualTo(a.id());
        assertThat(app.exec("sh", "-c", "echo written-on-a > /data/f && stat -c '%u:%g' /data/f").stdout().strip())
                .as("the driver's uid and gid options pass through").isEqualTo("1000:1000");

        MoveReport moved = app.moveTo(b);

        assertThat(moved.bytesCopied()).isZero();
        assertThat(moved.to().id()).isEqualTo(b.id());
        assertThat(app.exec("cat", "/data/f").stdout()).isEqualTo("written-on-a\n");
        assertThat(EngineFixture.client(b.engineEndpoint().orElseThrow()).inspectVolumeCmd(media.name()).exec().getDriver())
                .isEqualTo("rclone");
    }

    @Test
    void whenTheWritersNodeIsLostItFailsOverAndWhenTheNodeReturnsExactlyOneWriterRuns() throws Exception {
        Node a = berth.cluster().withLabel("zone", "a").orElseThrow();
        Node b = berth.cluster().withLabel("zone", "b").orElseThrow();
        PersistentVolume ledger = shared("ledger", AccessMode.SINGLE_WRITER, a);
        StatefulContainer db = withoutPlacement("ledger-db", ledger);
        assertThat(db.exec("sh", "-c", "echo before-the-loss > /data/ledger").exitCode()).isZero();
        try {
            node("stop", a);
            await("node " + a.id() + " Down in Swarm", () -> berth.cluster().node(a.id()).filter(Node::ready).isEmpty());

            MoveReport failover = db.moveTo(b);

            assertThat(failover.bytesCopied()).isZero();
            assertThat(db.node().id()).isEqualTo(b.id());
            assertThat(db.exec("cat", "/data/ledger").stdout()).isEqualTo("before-the-loss\n");
            assertThat(db.exec("sh", "-c", "echo after-the-failover >> /data/ledger").exitCode()).isZero();
        } finally {
            node("start", a);
        }
        await("node " + a.id() + " back", () -> berth.cluster().node(a.id()).filter(Node::ready).isPresent());
        Thread.sleep(5000); // time for Swarm to act on the old task, were it to start it again
        assertThat(writersOn(a, ledger)).as("the old task on the returned node").isEmpty();
        assertThat(writersOn(b, ledger)).hasSize(1);
        assertThat(db.exec("cat", "/data/ledger").stdout()).isEqualTo("before-the-loss\nafter-the-failover\n");
    }

    private static java.util.List<String> writersOn(Node node, PersistentVolume volume) {
        return EngineFixture.client(node.engineEndpoint().orElseThrow()).listContainersCmd()
                .withVolumeFilter(java.util.List.of(volume.name())).exec().stream().map(c -> c.getNames()[0]).toList();
    }

    /** Stops or starts a node's engine with the command the build configures (scripts/cluster.sh node ...). */
    private static void node(String action, Node node) throws Exception {
        String command = System.getProperty("berth.testkit.nodeCommand").replace("{action}", action)
                .replace("{node}", node.id());
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(command + ": " + out).isZero();
    }

    private static void await(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    @Test
    void aSingleWriterGlobalVolumeKeepsOneWriterAcrossTheSwarm() {
        Node a = berth.cluster().withLabel("zone", "a").orElseThrow();
        Node b = berth.cluster().withLabel("zone", "b").orElseThrow();
        PersistentVolume orders = shared("orders", AccessMode.SINGLE_WRITER, a);
        StatefulContainer writer = on(a, "orders-a", orders);

        assertThatThrownBy(() -> on(b, "orders-b", orders)).isInstanceOf(ExclusiveAccessException.class)
                .hasMessageContaining(writer.name());

        writer.remove();
        StatefulContainer next = on(b, "orders-b2", orders);
        assertThat(next.exec("sh", "-c", "echo ok > /data/g && cat /data/g").stdout()).isEqualTo("ok\n");
    }
}
