package dev.berth.samples;

import dev.berth.Berth;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.VolumeScope;

/**
 * The stories' shared storage: rclone's volume plugin ({@code scripts/rclone-plugin.sh start}) serving a directory of
 * {@code /srv/berth-rclone} to every node, as a file share would. Its volumes are GLOBAL: rclone reports
 * {@code local}, but every node reaches the same data.
 */
final class SharedStorage {
    private static final String DRIVER = "rclone";

    private SharedStorage() {
    }

    /** Whether rclone's volume plugin answers on every node. */
    static boolean available(Berth berth) {
        return berth.plugins().hasVolumeDriver(DRIVER);
    }

    /** @throws IllegalStateException saying how to start the plugin, when it does not answer */
    static void require(Berth berth) {
        if (!available(berth)) {
            throw new IllegalStateException("This story needs rclone's volume plugin: run scripts/rclone-plugin.sh "
                    + "start");
        }
    }

    /** A GLOBAL rclone volume named {@code name}, made through {@code node}, on a directory of its own. */
    static PersistentVolume.Builder volume(Berth berth, String name, Node node) {
        return berth.volume(name).node(node).driver(DRIVER).option("type", "local")
                .option("path", "/srv/berth-rclone/" + name).scope(VolumeScope.GLOBAL);
    }
}
