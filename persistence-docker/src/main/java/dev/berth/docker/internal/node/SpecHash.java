package dev.berth.docker.internal.node;

import dev.berth.ContainerSpec;
import dev.berth.VolumeMount;
import dev.berth.VolumeSpec;
import dev.berth.docker.internal.common.Sha256;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stable hash of a spec, stored in a label so that an existing volume or container can be compared with what is
 * asked for. Secret values enter it only through a keyed hash ({@link SpecKey}): a rotated secret changes it, and the
 * label reveals nothing of the value.
 */
public final class SpecHash {
    private SpecHash() {
    }

    public static String of(VolumeSpec spec) {
        return Sha256.hex("volume|" + spec.driver() + "|" + sorted(spec.options()) + "|"
                + sorted(spec.labels()) + "|" + spec.accessMode() + "|" + spec.reclaimPolicy()
                + spec.scope().map(s -> "|" + s).orElse("")).substring(0, 32); // specs without one hash as before
    }

    public static String of(ContainerSpec spec) {
        StringBuilder text = new StringBuilder("container");
        field(text, spec.image());
        field(text, String.join("\0", spec.command()));
        field(text, sorted(spec.env()));
        // Secrets by a keyed hash of name and value: a rotated secret changes the hash, and the label reveals nothing.
        new java.util.TreeMap<>(spec.secretEnv()).forEach((k, v) -> field(text, k + "=" + SpecKey.hash(k + "\0"
                + v.reveal())));
        for (VolumeMount m : spec.mounts()) {
            field(text, m.volume().name() + "\0" + m.path() + "\0" + m.readOnly() + "\0" + m.volume().accessMode());
        }
        field(text, String.join("\0", spec.tmpfs()));
        if (!spec.binds().isEmpty()) { // only then, so that the hashes of containers without one stay as they were
            field(text, spec.binds().stream().map(b -> b.hostPath() + "\0" + b.path() + "\0" + b.readOnly())
                    .collect(java.util.stream.Collectors.joining("\n")));
        }
        field(text, spec.ports().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")));
        field(text, spec.user().orElse(""));
        field(text, sorted(spec.labels()));
        field(text, spec.restartPolicy().name());
        field(text, String.valueOf(spec.stopTimeout().toMillis()));
        return Sha256.hex(text.toString()).substring(0, 32);
    }

    /** One field, length first, so that no two different specs read alike. */
    private static void field(StringBuilder text, String value) {
        text.append('|').append(value.length()).append(':').append(value);
    }

    private static String sorted(Map<String, String> map) {
        return new TreeMap<>(map).toString();
    }
}
