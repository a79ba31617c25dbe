package dev.berth.docker.internal.container;

import dev.berth.ContainerSpec;
import dev.berth.NotFoundException;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.volume.MoveRecovery;
import dev.berth.docker.internal.volume.VolumeContents;
import dev.berth.docker.internal.volume.GlobalVolumes;
import dev.berth.docker.internal.volume.VolumeStore;
import java.util.List;

/** What is asked of a container's volumes before it starts: that they are there and whole, and whether they are empty. */
final class LaunchChecks {
    private LaunchChecks() {
    }

    /**
     * Never on empty data (the engine would silently create an empty volume of a missing name), nor on a partial copy;
     * with {@code settleMoves}, settles first what interrupted moves of the volumes left.
     */
    static void requireVolumesExist(EngineContext ctx, ContainerSpec spec, boolean settleMoves) {
        for (String volume : volumeNames(spec)) {
            if (settleMoves) {
                MoveRecovery.settle(ctx, volume);
            }
            if (GlobalVolumes.findOrReachGlobal(VolumeStore.of(ctx), volume).isEmpty()) {
                throw new NotFoundException("volume", volume);
            }
            MoveRecovery.requireComplete(ctx, volume);
        }
    }

    /**
     * Whether this start is a first one, every volume empty, rather than a restart over existing data; asked only of
     * the engine when the readiness check differs between the two.
     */
    static boolean firstStart(EngineContext ctx, ContainerSpec spec) {
        return spec.readiness().differsOnRestart()
                && volumeNames(spec).stream().allMatch(volume -> VolumeContents.isEmpty(ctx, volume));
    }

    private static List<String> volumeNames(ContainerSpec spec) {
        return spec.mounts().stream().map(m -> m.volume().name()).distinct().toList();
    }
}
