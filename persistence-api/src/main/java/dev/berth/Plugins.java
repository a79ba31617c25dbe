package dev.berth;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The volume drivers the engine offers (its built-in {@code local} among them), and its managed plugins
 * ({@code docker plugin ls}), such as REX-Ray's: listed, and created, enabled, disabled and removed on every node of a
 * Swarm (on the one engine without a Swarm). A volume's {@link VolumeSpec.Settings#driver(String) driver} must be one of
 * {@link #volumeDrivers()}. What fails on a node, or does not answer within the call's deadline, is a
 * {@link PluginException} naming the plugin and the node; nodes done before it stay done, and every call can be
 * repeated.
 */
public interface Plugins {
    /** The driver names a volume can use on the engine Berth is connected to. */
    List<String> volumeDrivers();

    /** The managed plugins of the engine Berth is connected to, enabled or not. */
    List<Plugin> installed();

    /** Whether a volume can use this driver now. */
    default boolean hasVolumeDriver(String driver) {
        return volumeDrivers().contains(driver);
    }

    /**
     * Creates a managed plugin, disabled, on every node from a bundle: a folder with {@code config.json} and
     * {@code rootfs/}, as {@code docker plugin create} takes it. A node that already has a plugin of that name keeps
     * it.
     *
     * @param name such as {@code berth/rclone:latest}
     * @throws IllegalArgumentException when the folder is not such a bundle
     */
    void create(String name, Path bundle);

    /** Enables it on every node; the engine waits for it to answer on its socket within the call's deadline. */
    void enable(String name);

    /** Disables it on every node (refused where a volume of it is in use). */
    void disable(String name);

    /** Disables, then removes it on every node; a node without it is done. */
    void remove(String name);

    /** The plugin, when every node has it; enabled when it is enabled on every node. */
    Optional<Plugin> find(String name);

    /**
     * A managed plugin.
     *
     * @param name such as {@code rexray/ebs:latest}
     * @param enabled whether the engine runs it
     * @param capabilities what it provides, such as {@code volumedriver}
     */
    record Plugin(String name, boolean enabled, List<String> capabilities) {
        public Plugin {
            capabilities = List.copyOf(capabilities);
        }
    }
}
