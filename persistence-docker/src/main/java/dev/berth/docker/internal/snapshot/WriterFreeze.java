package dev.berth.docker.internal.snapshot;

import dev.berth.BerthException;
import dev.berth.Consistency;
import dev.berth.StatefulContainer;
import dev.berth.docker.internal.container.LiveContainers;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.guard.Writers;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Labels;
import dev.berth.docker.internal.volume.VolumeStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a volume's writers still while a snapshot reads it, at the {@link Consistency} asked for or the next weaker
 * one that can be had: quiesce (the recipe's hook) and pause, pause alone, or stop. {@link #close()} resumes or
 * restarts every writer it touched, whatever happened, and measures their downtime; it may be called again, and from
 * another thread (the snapshot's read-ahead thaws the writers once the engine has sent the volume).
 */
final class WriterFreeze implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriterFreeze.class);

    /** One writer: the engine's view of it, and Berth's handle if it was made in this process. */
    private record Writer(ContainerInfo container, Optional<StatefulContainer> handle) {
        String name() {
            return VolumeStore.nameOf(container);
        }

        boolean quiescable() {
            return handle.flatMap(h -> h.spec().recipe()).isPresent();
        }
    }

    private final Engine engine;
    private final Consistency achieved;
    private final List<Writer> paused = new ArrayList<>();
    private final List<Writer> stopped = new ArrayList<>();
    private long frozenAt;
    private Duration downtime = Duration.ZERO;

    private WriterFreeze(Engine engine, Consistency achieved) {
        this.engine = engine;
        this.achieved = achieved;
    }

    /** Quiesces, pauses or stops the volume's writers; a null {@code requested} means the default level. */
    static WriterFreeze apply(EngineContext ctx, String volume, @Nullable Consistency requested) {
        Engine engine = ctx.engine();
        List<Writer> writers = Writers.of(engine, volume).stream()
                .map(c -> new Writer(c, LiveContainers.find(VolumeStore.nameOf(c), c.labels().get(Labels.SPEC_HASH))))
                .toList();
        if (writers.isEmpty()) {
            return new WriterFreeze(engine, Consistency.STOPPED);
        }
        boolean quiescable = writers.stream().allMatch(Writer::quiescable);
        Consistency level = requested != null ? requested
                : quiescable ? Consistency.APPLICATION_CONSISTENT : Consistency.CRASH_CONSISTENT;
        if (level == Consistency.APPLICATION_CONSISTENT && !quiescable) {
            LOG.warn("Snapshot of volume {} is only crash-consistent: writers {} were not started through Berth in "
                    + "this process, so their recipes' quiesce hooks are unknown", volume,
                    writers.stream().filter(w -> !w.quiescable()).map(Writer::name).toList());
            level = Consistency.CRASH_CONSISTENT;
        }
        WriterFreeze freeze = new WriterFreeze(engine, level);
        try {
            freeze.hold(writers, level);
        } catch (RuntimeException e) {
            freeze.close();
            throw e;
        }
        return freeze;
    }

    private void hold(List<Writer> writers, Consistency level) {
        if (level == Consistency.APPLICATION_CONSISTENT) {
            for (Writer w : writers) {
                StatefulContainer handle = w.handle().orElseThrow();
                try {
                    handle.spec().recipe().orElseThrow().quiesce(handle);
                } catch (RuntimeException e) {
                    throw new BerthException("The quiesce hook of container '" + w.name() + "' failed: "
                            + e.getMessage() + ". Nothing was paused; take the snapshot with "
                            + "Consistency.CRASH_CONSISTENT to skip the hook.", e);
                }
            }
        }
        frozenAt = System.nanoTime();
        for (Writer w : writers) {
            String id = w.container().id();
            if (level == Consistency.STOPPED) {
                stopped.add(w);
                w.handle().ifPresentOrElse(StatefulContainer::stop,
                        () -> engine.stopContainer(id, Duration.ofSeconds(10)));
            } else if (w.container().running()) {
                try {
                    engine.pauseContainer(id);
                } catch (RuntimeException e) {
                    throw new BerthException("Could not pause container '" + w.name() + "' for a " + level
                            + " snapshot: " + e.getMessage() + ". Take the snapshot with Consistency.STOPPED instead.",
                            e);
                }
                paused.add(w);
            }
        }
    }

    Consistency achieved() {
        return achieved;
    }

    /** How long the writers were held; known after {@link #close()}. */
    synchronized Duration downtime() {
        return downtime;
    }

    /** Resumes paused writers and restarts stopped ones; every one is tried before a failure is thrown. */
    @Override
    public synchronized void close() {
        List<String> failed = new ArrayList<>();
        for (Writer w : paused) {
            resume(w, () -> engine.unpauseContainer(w.container().id()), failed);
        }
        for (Writer w : stopped) {
            resume(w, () -> w.handle().ifPresentOrElse(StatefulContainer::start,
                    () -> engine.startContainer(w.container().id())), failed);
        }
        if (frozenAt != 0) {
            downtime = Duration.ofNanos(System.nanoTime() - frozenAt);
            frozenAt = 0;
        }
        paused.clear();
        stopped.clear();
        if (!failed.isEmpty()) {
            throw new BerthException("After the snapshot, containers could not be resumed: " + failed
                    + ". Start them yourself (docker unpause / docker start, or StatefulContainer.start()).");
        }
    }

    private static void resume(Writer w, Runnable action, List<String> failed) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.error("Could not resume container {} after a snapshot: {}", w.name(), e.getMessage());
            failed.add(w.name() + " (" + e.getMessage() + ")");
        }
    }
}
