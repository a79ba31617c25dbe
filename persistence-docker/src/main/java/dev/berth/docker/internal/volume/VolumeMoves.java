package dev.berth.docker.internal.volume;

import dev.berth.PersistentVolume;
import dev.berth.ReclaimPolicy;
import dev.berth.VolumeConflictException;
import dev.berth.VolumeScope;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Specs;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves volumes from one node's engine to another's: LOCAL ones are copied and verified; GLOBAL ones, which their
 * driver makes reachable everywhere, only need to exist on the target. The source copies are retired only after the
 * caller says the move succeeded; until then, {@link #rollBack()} deletes what was made on the target.
 */
public final class VolumeMoves {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeMoves.class);

    private final EngineContext from;
    private final EngineContext to;
    private final List<PersistentVolume> copied = new ArrayList<>();
    private final List<PersistentVolume> sources = new ArrayList<>();
    private long bytes;
    private long files;

    public VolumeMoves(EngineContext from, EngineContext to) {
        this.from = from;
        this.to = to;
    }

    /** Copies one volume to the target node (unless GLOBAL); returns its handle there. */
    public PersistentVolume move(PersistentVolume volume) {
        PersistentVolume source = VolumeStore.of(from).find(volume.name()).orElseThrow(
                () -> new dev.berth.NotFoundException("volume", volume.name()));
        if (VolumeStore.of(from).scopeOf(volume.name()) == VolumeScope.GLOBAL) {
            return VolumeStore.of(to).createHere(volume.spec());
        }
        if (VolumeStore.of(to).find(volume.name()).isPresent()) {
            throw new VolumeConflictException(volume.name(), "a volume of that name on node " + to.node().id(),
                    "moving it from node " + from.node().id() + " (Berth never overwrites an existing volume)");
        }
        PersistentVolume target = VolumeStore.of(to).createHere(volume.spec());
        copied.add(target);
        sources.add(source);
        VolumeCopier.Copied result = VolumeCopier.copy(from, volume.name(), to, volume.name());
        bytes += result.bytes();
        files += result.files();
        return target;
    }

    public long bytes() {
        return bytes;
    }

    public long files() {
        return files;
    }

    /** Deletes the copies made on the target; the sources were never touched. */
    public void rollBack() {
        for (PersistentVolume target : copied) {
            try {
                target.delete();
            } catch (RuntimeException e) {
                LOG.warn("Could not delete the partial copy of volume {} on node {}: {}", target.name(),
                        to.node().id(), e.getMessage());
            }
        }
        copied.clear();
    }

    /**
     * Retires the source copies: deleted when their reclaim policy is DELETE; otherwise kept on the source node under
     * {@code <name>.retired-<time>} for the user to delete after a grace period, so the old name never shadows the
     * moved data.
     */
    public void retireSources() {
        for (PersistentVolume source : sources) {
            if (source.reclaimPolicy() == ReclaimPolicy.DELETE || !source.createdByBerth()) {
                if (source.createdByBerth()) {
                    source.delete();
                }
                continue;
            }
            String retired = RetiredVolumes.name(source.name(), java.time.Instant.now());
            PersistentVolume keep = VolumeStore.of(from).create(Specs.volume(retired,
                    source.driver(), source.spec().options(), source.labels(), source.accessMode(), ReclaimPolicy.RETAIN));
            try {
                ArchiveHelper.copyWithin(from, source.name(), keep.name());
            } catch (RuntimeException e) {
                // The move itself succeeded: the source copy stays as it is, under its name, rather than be lost.
                LOG.warn("The moved volume {} is on node {}, but its source copy on node {} could not be retired ({}): "
                        + "it stays there under its own name; delete it once you no longer need it", source.name(),
                        to.node().id(), from.node().id(), e.getMessage());
                keep.delete();
                continue;
            }
            source.delete();
            LOG.info("Retired the source copy of volume {} on node {} as {}", source.name(), from.node().id(), retired);
        }
        sources.clear();
    }
}
