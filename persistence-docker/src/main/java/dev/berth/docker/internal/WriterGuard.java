package dev.berth.docker.internal;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerMount;
import dev.berth.AccessMode;
import dev.berth.ExclusiveAccessException;
import dev.berth.VolumeMount;
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
final class WriterGuard {
    static final Duration CONTENDER_WINDOW = Duration.ofMinutes(2);
    private static final Set<String> HOLDING_STATES = Set.of("running", "paused", "restarting");

    private WriterGuard() {
    }

    /** @throws ExclusiveAccessException naming the holder, after removing the contender's own container */
    static void claim(Engine engine, String containerName, String containerId, List<VolumeMount> mounts) {
        for (VolumeMount mount : mounts) {
            if (mount.readOnly() || mount.volume().accessMode() != AccessMode.SINGLE_WRITER) {
                continue;
            }
            String volume = mount.volume().name();
            Optional<String> holder = holder(engine, containerId, volume);
            if (holder.isPresent()) {
                engine.runIgnoringAbsent(() -> engine.client().removeContainerCmd(containerId)
                        .withForce(true).withRemoveVolumes(true).exec());
                throw new ExclusiveAccessException(volume, holder.get(), containerName);
            }
        }
    }

    private static Optional<String> holder(Engine engine, String selfId, String volume) {
        List<Container> writers = engine.call(() -> engine.client().listContainersCmd().withShowAll(true)
                .withVolumeFilter(List.of(volume)).exec()).stream()
                .filter(c -> !c.getId().equals(selfId) && writesTo(c, volume))
                .toList();
        Optional<Container> running = writers.stream()
                .filter(c -> HOLDING_STATES.contains(c.getState())).findFirst();
        if (running.isPresent()) {
            return running.map(VolumeStore::nameOf);
        }
        List<Contender> contenders = writers.stream()
                .filter(c -> "created".equals(c.getState()) && c.getLabels() != null
                        && "true".equals(c.getLabels().get(Labels.STARTING)))
                .map(c -> contender(engine, c.getId()))
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
    static List<Container> writers(Engine engine, String volume) {
        return engine.call(() -> engine.client().listContainersCmd().withShowAll(true)
                .withVolumeFilter(List.of(volume)).exec()).stream()
                .filter(c -> HOLDING_STATES.contains(c.getState()) && writesTo(c, volume))
                .toList();
    }

    private static boolean writesTo(Container c, String volume) {
        List<ContainerMount> mounts = c.getMounts();
        return mounts != null && mounts.stream()
                .anyMatch(m -> volume.equals(m.getName()) && !Boolean.FALSE.equals(m.getRw()));
    }

    private static Optional<Contender> contender(Engine engine, String id) {
        return engine.find(() -> engine.client().inspectContainerCmd(id).exec()).map(WriterGuard::contender);
    }

    private static Contender contender(InspectContainerResponse c) {
        return new Contender(c.getId(), c.getName().replaceFirst("^/", ""), Instant.parse(c.getCreated()));
    }

    /** A container that wants to start, ordered by when the engine created it. */
    record Contender(String id, String name, Instant created) {
        static final Comparator<Contender> ORDER =
                Comparator.comparing(Contender::created).thenComparing(Contender::id);
    }
}
