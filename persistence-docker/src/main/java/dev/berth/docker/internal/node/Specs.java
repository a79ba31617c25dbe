package dev.berth.docker.internal.node;

import dev.berth.AccessMode;
import dev.berth.ReclaimPolicy;
import dev.berth.VolumeSpec;
import java.util.Map;

/** Builds specs from what the engine reports (for volumes found rather than created). */
public final class Specs {
    private Specs() {
    }

    public static VolumeSpec volume(String name, String driver, Map<String, String> options, Map<String, String> labels,
            AccessMode mode, ReclaimPolicy policy) {
        return volume(name, driver, options, labels, mode, policy, null);
    }

    /** A spec with the scope its user declared, if any. */
    public static VolumeSpec volume(String name, String driver, Map<String, String> options, Map<String, String> labels,
            AccessMode mode, ReclaimPolicy policy, dev.berth.@org.jspecify.annotations.Nullable VolumeScope scope) {
        VolumeSpec.Builder builder = VolumeSpec.builder(name).driver(driver).accessMode(mode).reclaimPolicy(policy);
        if (scope != null) {
            builder.scope(scope);
        }
        options.forEach(builder::option);
        labels.forEach(builder::label);
        return builder.build();
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String value, E fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
