package dev.berth.docker.internal.volume;

import dev.berth.VolumeScope;
import dev.berth.docker.internal.engine.VolumeInfo;
import dev.berth.docker.internal.node.Labels;

/**
 * A volume's scope: GLOBAL when its driver reports {@code global}, or when its user declared it
 * ({@link dev.berth.VolumeSpec#scope()}, kept in a label), since drivers of shared storage report {@code local}.
 */
public final class VolumeScopes {
    private VolumeScopes() {
    }

    public static VolumeScope of(VolumeInfo volume) {
        return "global".equalsIgnoreCase(volume.scope())
                || VolumeScope.GLOBAL.name().equals(volume.labels().get(Labels.SCOPE))
                ? VolumeScope.GLOBAL : VolumeScope.LOCAL;
    }

    public static boolean isGlobal(VolumeInfo volume) {
        return of(volume) == VolumeScope.GLOBAL;
    }
}
