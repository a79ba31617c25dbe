package dev.berth.docker.internal;

import dev.berth.ContainerSpec;
import dev.berth.VolumeSpec;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stable hash of a spec, stored in a label so that an existing volume or container can be compared with what is
 * asked for. Secret values never enter it (only their names), so the label reveals nothing.
 */
final class SpecHash {
    private SpecHash() {
    }

    static String of(VolumeSpec spec) {
        return EngineEndpoints.sha256("volume|" + spec.driver() + "|" + sorted(spec.options()) + "|"
                + sorted(spec.labels()) + "|" + spec.accessMode() + "|" + spec.reclaimPolicy()).substring(0, 32);
    }

    static String of(ContainerSpec spec) {
        return EngineEndpoints.sha256("container|" + spec.image() + "|" + spec.command() + "|" + sorted(spec.env())
                + "|" + new TreeMap<>(spec.secretEnv()).keySet() + "|" + spec.mounts() + "|" + spec.tmpfs() + "|"
                + spec.ports() + "|" + spec.user().orElse("") + "|" + sorted(spec.labels()) + "|"
                + spec.restartPolicy() + "|" + spec.stopTimeout()).substring(0, 32);
    }

    private static String sorted(Map<String, String> map) {
        return new TreeMap<>(map).toString();
    }
}
