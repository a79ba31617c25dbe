package dev.berth;

import java.util.List;

/**
 * The volume drivers the engine offers (its built-in {@code local} among them) and the managed plugins installed on
 * it ({@code docker plugin ls}), such as REX-Ray's. A volume's {@link VolumeSpec.Settings#driver(String) driver} must be
 * one of {@link #volumeDrivers()}.
 *
 * @param volumeDrivers the driver names a volume can use
 * @param installed the managed plugins, enabled or not
 */
public record Plugins(List<String> volumeDrivers, List<Plugin> installed) {
    public Plugins {
        volumeDrivers = List.copyOf(volumeDrivers);
        installed = List.copyOf(installed);
    }

    /** Whether a volume can use this driver now. */
    public boolean hasVolumeDriver(String driver) {
        return volumeDrivers.contains(driver);
    }

    /**
     * A managed plugin.
     *
     * @param name such as {@code rexray/ebs:latest}
     * @param enabled whether the engine runs it
     * @param capabilities what it provides, such as {@code volumedriver}
     */
    public record Plugin(String name, boolean enabled, List<String> capabilities) {
        public Plugin {
            capabilities = List.copyOf(capabilities);
        }
    }
}
