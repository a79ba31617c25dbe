package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.Berth;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.PluginException;
import dev.berth.VolumeScope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Managed plugins made and run by Berth on every node of the Swarm: rclone's volume plugin in its managed form, built
 * here around Debian's rclone binary (no registry), serves one shared directory to every node; a plugin that never
 * answers gives a typed error naming the plugin and the node within the call's deadline, and stalls nothing else.
 * Needs the Swarm of scripts/cluster.sh and Debian's rclone and fuse3 (scripts/rclone-plugin.sh installs them).
 */
@Tag("swarm")
class ManagedPluginsIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    private static final String RCLONE = "berth-it/rclone:" + UUID.randomUUID().toString().substring(0, 8);
    private static final String HANGING = "berth-it/hanging:" + UUID.randomUUID().toString().substring(0, 8);
    private static Berth berth;
    private static Node zoneA;
    private static Node zoneB;

    @TempDir
    static Path dir;

    @BeforeAll
    static void connect() {
        // enable waits for a plugin up to the response timeout (less a margin): short here, for the hanging one
        berth = Berth.connect(engine.settings().toBuilder().responseTimeout(Duration.ofSeconds(20)).build());
        zoneA = SwarmZones.zone(berth, "a");
        zoneB = SwarmZones.zone(berth, "b");
    }

    @AfterAll
    static void removePlugins() {
        try {
            berth.plugins().remove(RCLONE);
            berth.plugins().remove(HANGING);
        } finally {
            berth.close();
        }
    }

    @Test
    void rclonesManagedPluginServesOneDirectoryToEveryNode() throws Exception {
        berth.plugins().create(RCLONE, PluginBundles.rclone(dir.resolve("rclone")));
        berth.plugins().enable(RCLONE);

        assertThat(berth.plugins().find(RCLONE)).hasValueSatisfying(p -> {
            assertThat(p.enabled()).isTrue();
            assertThat(p.capabilities()).contains("volumedriver");
        });
        assertThat(berth.plugins().hasVolumeDriver(RCLONE)).isTrue();
        String name = engine.name("managed");
        PersistentVolume shared = berth.volume(name).node(zoneA).driver(RCLONE).option("type", "local")
                .option("path", "/srv/shared/" + name)
                .option("dir-cache-time", "1s").scope(VolumeScope.GLOBAL).create();
        try {
            VolumeShell.onNode(engine, zoneA, name, "echo from-zone-a > /data/note");
            berth.volume(name).node(zoneB).driver(RCLONE).option("type", "local")
                    .option("path", "/srv/shared/" + name)
                    .option("dir-cache-time", "1s").scope(VolumeScope.GLOBAL).create();

            // each node runs a plugin of its own: without a write cache, what one writes is in the shared directory
            // at once, and the other sees it within its directory cache time
            assertThat(VolumeShell.onNode(engine, zoneB, name, "for i in $(seq 1 150); do [ -e /data/note ] && break;"
                    + " sleep 0.2; done; cat /data/note")).isEqualTo("from-zone-a\n");
        } finally {
            shared.delete();
        }
    }

    @Test
    void aPluginThatNeverAnswersIsATypedErrorNamingItsNodeWithinTheDeadline() throws Exception {
        berth.plugins().create(HANGING, PluginBundles.hanging(dir.resolve("hanging")));

        long start = System.nanoTime();
        assertThatThrownBy(() -> berth.plugins().enable(HANGING)).isInstanceOfSatisfying(PluginException.class, e -> {
            assertThat(e.plugin()).isEqualTo(HANGING);
            assertThat(e.nodeId()).isNotBlank();
            assertThat(e.getMessage()).contains(HANGING, "node " + e.nodeId());
        });
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofSeconds(40));
        assertThat(berth.volumes().list()).as("volumes are still listed at once").isNotNull();
        assertThat(berth.plugins().find(HANGING)).hasValueSatisfying(p -> assertThat(p.enabled()).isFalse());
    }
}
