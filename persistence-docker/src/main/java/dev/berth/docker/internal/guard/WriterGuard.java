package dev.berth.docker.internal.guard;

import dev.berth.AccessMode;
import dev.berth.ExclusiveAccessException;
import dev.berth.VolumeMount;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.ContainerQuery;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.node.Labels;
import dev.berth.docker.internal.volume.VolumeStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Enforces {@link AccessMode#SINGLE_WRITER} from the engine's own state, so that it holds across threads, processes
 * and restarts.
 *
 * <p>The protocol: a contender first creates its container (labelled as starting), then lists every container that
 * mounts the volume read-write. It loses to one that runs (or is paused or restarting), and to an older contender:
 * one created earlier, still in the created state, and younger than {@link #CONTENDER_WINDOW} (older ones are
 * leftovers of a crashed process). Two contenders see each other in the same order, because the engine orders their
 * creation; so exactly one wins. The loser removes its own container.
 */
public final class WriterGuard {
    static final Duration CONTENDER_WINDOW = Duration.ofMinutes(2);
    private static final Set<String> HOLDING_STATES = Set.of("running", "paused", "restarting");

    private WriterGuard() {
    }

    /** @throws ExclusiveAccessException naming the holder, after removing the contender's own container */
    public static void claim(Engine engine, String containerName, String containerId, List<VolumeMount> mounts) {
        for (VolumeMount mount : mounts) {
            if (mount.readOnly() || mount.volume().accessMode() != AccessMode.SINGLE_WRITER) {
                continue;
            }
            String volume = mount.volume().name();
            Optional<String> holder = holder(engine, containerId, volume);
            if (holder.isPresent()) {
                engine.removeContainer(containerId);
                throw new ExclusiveAccessException(volume, holder.get(), containerName);
            }
        }
    }

    private static Optional<String> holder(Engine engine, String selfId, String volume) {
        List<ContainerInfo> writers = engine.listContainers(ContainerQuery.mounting(volume)).stream()
                .filter(c -> !c.id().equals(selfId) && c.mounts(volume, true))
                .toList();
        Optional<ContainerInfo> running = writers.stream()
                .filter(c -> HOLDING_STATES.contains(c.state())).findFirst();
        if (running.isPresent()) {
            return running.map(VolumeStore::nameOf);
        }
        List<Contender> contenders = writers.stream()
                .filter(c -> "created".equals(c.state()) && "true".equals(c.labels().get(Labels.STARTING)))
                .map(c -> contender(engine, c.id()))
                .flatMap(Optional::stream)
                .filter(c -> c.created().isAfter(Instant.now().minus(CONTENDER_WINDOW)))
                .toList();
        if (contenders.isEmpty()) {
            return Optional.empty();
        }
        Optional<Contender> self = contender(engine, selfId);
        Contender first = contenders.stream().min(Contender.ORDER).orElseThrow();
        return self.isEmpty() || Contender.ORDER.compare(first, self.get()) < 0
                ? Optional.of(first.name()) : Optional.empty();
    }

    /** The containers that hold the volume now: running (or paused, or restarting) with it mounted read-write. */
    public static List<ContainerInfo> writers(Engine engine, String volume) {
        return engine.listContainers(ContainerQuery.mounting(volume)).stream()
                .filter(c -> HOLDING_STATES.contains(c.state()) && c.mounts(volume, true))
                .toList();
    }

    private static Optional<Contender> contender(Engine engine, String id) {
        return engine.inspectContainer(id).map(c -> new Contender(c.id(), c.name(), c.created()));
    }

    /** A container that wants to start, ordered by when the engine created it. */
    record Contender(String id, String name, Instant created) {
        static final Comparator<Contender> ORDER =
                Comparator.comparing(Contender::created).thenComparing(Contender::id);
    }
}
