package dev.berth.docker.internal.guard;

import dev.berth.AccessMode;
import dev.berth.EngineCallException;
import dev.berth.ExclusiveAccessException;
import dev.berth.VolumeMount;
import dev.berth.VolumeScope;
import dev.berth.docker.internal.engine.ContainerDefinition;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Labels;
import dev.berth.docker.internal.node.Markers;
import dev.berth.docker.internal.volume.MoveJournal;
import dev.berth.docker.internal.volume.VolumeScopes;
import dev.berth.docker.internal.volume.VolumeStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The single-writer lock of {@link AccessMode#SINGLE_WRITER} volumes, one protocol for every way a container runs.
 * The lock of a GLOBAL volume on a Swarm, which every node reaches, is a Swarm config ({@link SwarmLock}). The lock of
 * any other volume {@code v} is a container named {@code berth-lock.v} on the node that holds {@code v}: never
 * started, mounting nothing, labelled with its holder's name. The engine lets only one container hold a name, so
 * of any number of threads, processes and hosts creating it at once, exactly one succeeds. A holder is alive while
 * a container of its name runs, is paused or restarting on that node, while its Swarm service wants a task (so
 * Swarm's own restarts of the task stay its), or while its lock is younger than {@link HolderLiveness#GRACE} by the
 * engine's clock (a start under way). A lock whose holder is not alive is removed, by id, and taken again; a
 * stopped or removed holder releases it at once. Once the lock is held, a writer that Berth did not start (one the
 * lock cannot know) still refuses the start, and so does a volume that a move records as leaving the node
 * ({@code MoveJournal}).
 */
public final class WriterLock {
    /** On a lock: the volume it locks, and who holds it. */
    public static final String LOCK_LABEL = Labels.PREFIX + "lock";
    public static final String HOLDER_LABEL = Labels.PREFIX + "lock-holder";
    private static final String PREFIX = "berth-lock.";
    private static final int TRIES = 5;

    private WriterLock() {
    }

    /** The lock container's name for a volume. */
    public static String lockName(String volume) {
        return PREFIX + volume;
    }

    /**
     * Takes the lock of every SINGLE_WRITER volume {@code holder} mounts read-write, on the node of {@code ctx}; on
     * refusal, releases the ones it took.
     *
     * @throws ExclusiveAccessException naming the holder
     */
    public static void acquire(EngineContext ctx, String holder, List<VolumeMount> mounts) {
        List<String> volumes = lockable(mounts);
        if (volumes.isEmpty()) {
            return;
        }
        Set<String> declared = declaredGlobal(mounts);
        String image = Markers.image(ctx);
        List<String> taken = new ArrayList<>();
        try {
            for (String volume : volumes) {
                if (acrossTheSwarm(ctx, volume, declared)) {
                    SwarmLock.acquire(ctx, holder, volume);
                    taken.add(volume);
                    continue;
                }
                acquire(ctx, image, holder, volume);
                taken.add(volume);
                requireNoOtherWriter(ctx.engine(), holder, volume);
                requireNotLeaving(ctx, holder, volume);
            }
        } catch (RuntimeException e) {
            taken.forEach(v -> releaseQuietly(ctx, holder, v, declared, e));
            throw e;
        }
    }

    /**
     * Takes the Swarm locks of {@code holder}'s GLOBAL volumes from {@code downNode}, which is down, once its service
     * has been re-pinned to the node of {@code ctx} (see {@link SwarmLock#takeOver}); {@link #acquire} then takes
     * them here.
     */
    public static void takeOver(EngineContext ctx, String holder, List<VolumeMount> mounts, String downNode) {
        for (String volume : lockable(mounts)) {
            if (acrossTheSwarm(ctx, volume, declaredGlobal(mounts))) {
                SwarmLock.takeOver(ctx, holder, volume, downNode);
            }
        }
    }

    /**
     * A GLOBAL volume on a Swarm is reached from every node, so its lock lives in the Swarm's store; any other lives on
     * the node that holds the volume.
     */
    private static boolean acrossTheSwarm(EngineContext ctx, String volume, Set<String> declaredGlobal) {
        return ctx.cluster().isSwarm() && (declaredGlobal.contains(volume) || ctx.engine().inspectVolume(volume)
                .filter(VolumeScopes::isGlobal).isPresent());
    }

    /**
     * The volumes their specs declare GLOBAL: a shared driver's volume that another node made may show on this node
     * without the labels that say so, since the driver, not the engine, keeps it.
     */
    private static Set<String> declaredGlobal(List<VolumeMount> mounts) {
        return mounts.stream().filter(m -> m.volume().spec().scope().filter(VolumeScope.GLOBAL::equals).isPresent())
                .map(m -> m.volume().name()).collect(java.util.stream.Collectors.toSet());
    }

    /** Removes the Swarm's locks of GLOBAL volumes, carrying these labels, whose holders can no longer write. */
    public static int removeStaleSwarmLocks(EngineContext ctx, Map<String, String> labels) {
        return ctx.cluster().isSwarm() ? SwarmLock.removeStale(ctx, labels) : 0;
    }

    /** Gives back the locks {@code holder} holds on these volumes; one held by another is left alone. */
    public static void release(EngineContext ctx, String holder, List<VolumeMount> mounts) {
        Set<String> declared = declaredGlobal(mounts);
        for (String volume : lockable(mounts)) {
            release(ctx, holder, volume, declared);
        }
    }

    /** Whether a lock's holder can no longer write, so that the lock may go (prune asks this). */
    public static boolean isStale(EngineContext ctx, ContainerInfo lock) {
        Optional<ContainerInfo> now = ctx.engine().inspectContainer(lock.id());
        return now.isEmpty() || !new HolderLiveness(ctx).alive(now.get().labels().getOrDefault(HOLDER_LABEL, ""),
                now.get());
    }

    private static List<String> lockable(List<VolumeMount> mounts) {
        return mounts.stream().filter(m -> !m.readOnly() && m.volume().accessMode() == AccessMode.SINGLE_WRITER)
                .map(m -> m.volume().name()).distinct().toList();
    }

    private static void acquire(EngineContext ctx, String image, String holder, String volume) {
        Engine engine = ctx.engine();
        HolderLiveness liveness = new HolderLiveness(ctx);
        for (int attempt = 0; attempt < TRIES; attempt++) {
            try {
                engine.createContainer(definition(ctx, image, holder, volume));
                return;
            } catch (EngineCallException e) {
                if (e.reason() != EngineCallException.Reason.CONFLICT) {
                    throw e;
                }
            }
            Optional<ContainerInfo> lock = engine.inspectContainer(lockName(volume));
            if (lock.isEmpty()) {
                continue; // released meanwhile: try again
            }
            String current = lock.get().labels().getOrDefault(HOLDER_LABEL, "");
            if (!current.equals(holder) && liveness.alive(current, lock.get())) {
                throw new ExclusiveAccessException(volume, current, holder);
            }
            engine.removeContainer(lock.get().id()); // ours from before, or stale: by id, so never another's new one
        }
        throw new ExclusiveAccessException(volume, "another container starting at the same moment", holder);
    }

    private static void requireNoOtherWriter(Engine engine, String holder, String volume) {
        for (ContainerInfo writer : Writers.of(engine, volume)) {
            if (!holder.equals(VolumeStore.nameOf(writer))) {
                throw new ExclusiveAccessException(volume, VolumeStore.nameOf(writer), holder);
            }
        }
    }

    /** A volume that a move records as leaving this node is the move's until it is settled. */
    private static void requireNotLeaving(EngineContext ctx, String holder, String volume) {
        MoveJournal.leavingEntry(ctx, volume).ifPresent(entry -> {
            throw new ExclusiveAccessException(volume, MoveJournal.describe(entry), holder);
        });
    }

    private static ContainerDefinition definition(EngineContext ctx, String image, String holder, String volume) {
        return Markers.definition(ctx, image, lockName(volume), Map.of(LOCK_LABEL, volume, HOLDER_LABEL, holder));
    }

    private static void release(EngineContext ctx, String holder, String volume, Set<String> declared) {
        if (acrossTheSwarm(ctx, volume, declared)) {
            SwarmLock.release(ctx, holder, volume);
            return;
        }
        Engine engine = ctx.engine();
        engine.inspectContainer(lockName(volume))
                .filter(lock -> holder.equals(lock.labels().get(HOLDER_LABEL)))
                .ifPresent(lock -> engine.removeContainer(lock.id()));
    }

    private static void releaseQuietly(EngineContext ctx, String holder, String volume, Set<String> declared,
            RuntimeException cause) {
        try {
            release(ctx, holder, volume, declared);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
