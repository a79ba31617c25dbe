package dev.berth.docker.internal.volume;

import static dev.berth.docker.internal.FakeBerth.IMAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.Berth;
import dev.berth.BerthException;
import dev.berth.MoveReport;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.Placement;
import dev.berth.StatefulContainer;
import dev.berth.VolumeInUseException;
import dev.berth.VolumeScope;
import dev.berth.docker.internal.FakeBerth;
import dev.berth.docker.internal.fake.FakeSwarm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A volume whose user declares it GLOBAL (its driver, like rclone's or NFS through {@code local}, reports
 * {@code local}) is created, with its driver and options, on the node where a container that mounts it is placed,
 * and moves there without a copy; undeclared, the same volume stays on its node.
 */
class DeclaredGlobalVolumesTest {
    @TempDir
    Path snapshots;


    private static FakeSwarm swarm() {
        FakeSwarm swarm = FakeSwarm.of(2);
        swarm.node(1).addVolumeDriver("rclone", "local");
        swarm.node(2).addVolumeDriver("rclone", "local");
        return swarm;
    }

    @Test
    void aDeclaredGlobalVolumeIsCreatedWhereItsContainerIsPlacedAndMovesWithoutACopy() {
        FakeSwarm swarm = swarm();
        Berth berth = FakeBerth.on(swarm, snapshots);
        Node first = berth.cluster().node("node-1").orElseThrow();
        Node second = berth.cluster().node("node-2").orElseThrow();
        PersistentVolume media = berth.volume("media").node(first).driver("rclone").option("type", "local")
                .option("path", "/srv/media").option("uid", "1000").scope(VolumeScope.GLOBAL).create();
        assertThat(media.scope()).isEqualTo(VolumeScope.GLOBAL);
        assertThat(media.spec().scope()).contains(VolumeScope.GLOBAL);

        StatefulContainer app = berth.container("app").image(IMAGE).mount(media, "/data").start();
        assertThat(app.node().id()).isEqualTo("node-1");

        MoveReport moved = app.moveTo(second);

        assertThat(moved.bytesCopied()).isZero();
        assertThat(app.node().id()).isEqualTo("node-2");
        var onSecond = swarm.node(2).inspectVolume("media").orElseThrow();
        assertThat(onSecond.driver()).isEqualTo("rclone");
        assertThat(onSecond.options()).containsEntry("path", "/srv/media").containsEntry("uid", "1000");
        assertThat(VolumeScopes.isGlobal(onSecond)).isTrue();
    }

    @Test
    void undeclaredTheSameVolumeIsLocalAndAContainerElsewhereIsRefused() {
        FakeSwarm swarm = swarm();
        Berth berth = FakeBerth.on(swarm, snapshots);
        PersistentVolume media = berth.volume("media").driver("rclone").option("type", "local")
                .node(berth.cluster().node("node-1").orElseThrow()).create();
        assertThat(media.scope()).isEqualTo(VolumeScope.LOCAL);

        assertThatThrownBy(() -> berth.container("app").image(IMAGE).mount(media, "/data")
                .placement(Placement.node("node-2")).start()).isInstanceOf(BerthException.class);
        assertThat(swarm.node(2).inspectVolume("media")).isEmpty();
    }

    @Test
    void aGlobalVolumeIsDeletedOnEveryNodeAndNotWhileAContainerOnAnyNodeMountsIt() {
        FakeSwarm swarm = swarm();
        Berth berth = FakeBerth.on(swarm, snapshots);
        Node first = berth.cluster().node("node-1").orElseThrow();
        PersistentVolume media = berth.volume("media").node(first).driver("rclone").option("type", "local")
                .scope(VolumeScope.GLOBAL).create();
        StatefulContainer app = berth.container("app").image(IMAGE).mount(media, "/data").start();
        app.moveTo(berth.cluster().node("node-2").orElseThrow());
        assertThat(swarm.node(1).inspectVolume("media")).isPresent();

        assertThatThrownBy(media::delete).isInstanceOf(VolumeInUseException.class).hasMessageContaining("app");
        assertThat(swarm.node(1).inspectVolume("media")).isPresent();
        assertThat(swarm.node(2).inspectVolume("media")).isPresent();

        app.remove();
        media.delete();

        assertThat(swarm.node(1).inspectVolume("media")).isEmpty();
        assertThat(swarm.node(2).inspectVolume("media")).isEmpty();
    }
}
