package dev.berth.docker.internal.guard;

import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.ContainerQuery;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Labels;
import dev.berth.docker.internal.node.ServiceNames;
import dev.berth.docker.internal.volume.ArchiveHelper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Whether the holder of a {@link WriterLock} may still write: a helper of Berth's that exists; its Swarm service
 * wanting a task; a container of its name that runs, is paused or restarting on the lock's node. A holder whose
 * containers all stopped, were killed or died writes no more. One with no container yet, or one not yet started, is
 * starting: alive while its lock is younger than {@link #GRACE} by the engine's own clock.
 */
final class HolderLiveness {
    /** How long a lock is its holder's before the holder's container must show itself. */
    static final Duration GRACE = Duration.ofSeconds(15);

    private final EngineContext ctx;

    HolderLiveness(EngineContext ctx) {
        this.ctx = ctx;
    }

    boolean alive(String holder, ContainerInfo lock) {
        return alive(holder, lock.created(), () -> ctx.engine().info().systemTime());
    }

    /** With the lock taken at {@code lockedAt} by the clock that {@code now} reads (an engine's, never the JVM's). */
    boolean alive(String holder, Instant lockedAt, Supplier<Instant> now) {
        if (holder.isEmpty()) {
            return false;
        }
        if (ctx.engine().inspectContainer(holder).filter(c -> c.labels().containsKey(ArchiveHelper.HELPER_LABEL))
                .isPresent()) {
            return true;
        }
        if (ctx.cluster().isSwarm() && ctx.cluster().localEngine().findService(ServiceNames.of(holder))
                .filter(s -> s.spec().replicas() > 0).isPresent()) {
            return true; // Swarm runs (or will run again) its task
        }
        List<ContainerInfo> own = ctx.engine().listContainers(ContainerQuery.labelled(Map.of(Labels.CONTAINER, holder)));
        if (own.stream().anyMatch(c -> Writers.HOLDING_STATES.contains(c.state()))) {
            return true;
        }
        if (!own.isEmpty() && own.stream().noneMatch(c -> "created".equals(c.state()))) {
            return false; // stopped, killed or dead: it writes no more
        }
        return lockedAt.plus(GRACE).isAfter(now.get()); // no container yet, or one not started: a start under way
    }
}
