package dev.berth.docker.internal.node;

import dev.berth.ContainerSpec;
import dev.berth.VolumeSpec;
import dev.berth.docker.internal.common.Sha256;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stable hash of a spec, stored in a label so that an existing volume or container can be compared with what is
 * asked for. Secret values never enter it (only their names), so the label reveals nothing.
 */
public final class SpecHash {
    private SpecHash() {
    }

    public static String of(VolumeSpec spec) {
        return Sha256.hex("volume|" + spec.driver() + "|" + sorted(spec.options()) + "|"
                + sorted(spec.labels()) + "|" + spec.accessMode() + "|" + spec.reclaimPolicy()).substring(0, 32);
    }

    public static String of(ContainerSpec spec) {
        return Sha256.hex("container|" + spec.image() + "|" + spec.command() + "|" + sorted(spec.env())
                + "|" + new TreeMap<>(spec.secretEnv()).keySet() + "|" + spec.mounts() + "|" + spec.tmpfs() + "|"
                + spec.ports() + "|" + spec.user().orElse("") + "|" + sorted(spec.labels()) + "|"
                + spec.restartPolicy() + "|" + spec.stopTimeout()).substring(0, 32);
    }

    private static String sorted(Map<String, String> map) {
        return new TreeMap<>(map).toString();
    }
}
