package dev.berth.docker.internal.volume;

import dev.berth.Node;
import dev.berth.NotFoundException;
import dev.berth.PersistentVolume;
import dev.berth.VolumeConflictException;
import dev.berth.VolumeInUseException;
import dev.berth.VolumeScope;
import dev.berth.docker.internal.node.EngineContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves volumes from one node's engine to another's: LOCAL ones are copied and verified; GLOBAL ones, which their
 * driver makes reachable everywhere, only need to exist on the target. Every step of a LOCAL move is recorded in a
 * {@link MoveJournal} first, so that a JVM that dies at any point leaves a state {@link MoveRecovery} settles. The
 * order: {@link #announce} every volume (before its writer stops), {@link #move} each, {@link #commit} once all are
 * verified (a container's move calls {@link #preCopy} for each before it stops), then {@link #retireSources()} after the caller says the move succeeded; until the commit,
 * {@link #rollBack()} deletes what was made on the target.
 */
public final class VolumeMoves {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeMoves.class);

    private final EngineContext from;
    private final EngineContext to;
    private final MoveJournal journal;
    private final List<PersistentVolume> copied = new ArrayList<>();
    private final List<PersistentVolume> sources = new ArrayList<>();
    private final Map<String, PersistentVolume> targets = new HashMap<>();
    private final Map<String, LiveCopy> live = new HashMap<>();
    private long bytes;
    private long files;

    /** Moves a volume no container uses to another node; see {@link PersistentVolume#moveTo(Node)}. */
    static PersistentVolume alone(EngineContext from, PersistentVolume volume, Node target) {
        if (target.id().equals(from.node().id())) {
            return volume;
        }
        VolumeMoves moves = new VolumeMoves(from, from.on(target), "");
        PersistentVolume moved;
        try {
            moves.announce(List.of(volume)); // from here on, no writer takes it
            List<String> users = VolumeStore.of(from).containersUsing(volume.name());
            if (!users.isEmpty()) {
                throw new VolumeInUseException(volume.name(), users);
            }
            moved = moves.move(volume);
            moves.commit();
        } catch (RuntimeException e) {
            try {
                moves.rollBack();
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        moves.retireSources();
        return moved;
    }

    /** A move of the volumes of {@code container} (empty for volumes moved on their own). */
    public VolumeMoves(EngineContext from, EngineContext to, String container) {
        this.from = from;
        this.to = to;
        this.journal = new MoveJournal(from, to, container);
    }

    /**
     * Records that these volumes are leaving their node, settling first what an earlier, interrupted move left; from
     * here on no other container takes them. The LOCAL ones only: a GLOBAL volume does not move.
     */
    public void announce(List<PersistentVolume> volumes) {
        for (PersistentVolume volume : volumes) {
            MoveRecovery.settle(from, volume.name());
            if (VolumeStore.of(from).scopeOf(volume.name()) == VolumeScope.LOCAL) {
                journal.leaving(volume.name());
                journal.step("recorded as leaving:", volume.name());
            }
        }
    }

    /**
     * Before the container stops, for a move with seconds of downtime: creates the target of an announced LOCAL volume
     * and copies into it while the container still runs ({@link LiveCopy}); {@link #move} then sends only what changed.
     */
    public void preCopy(PersistentVolume volume) {
        if (VolumeStore.of(from).scopeOf(volume.name()) == VolumeScope.GLOBAL) {
            return;
        }
        createTarget(volume);
        journal.step("copying while its container runs:", volume.name());
        LiveCopy.start(from, volume.name(), to, volume.name()).ifPresent(copy -> live.put(volume.name(), copy));
    }

    /** Copies one announced volume to the target node (unless GLOBAL) and verifies it; returns its handle there. */
    public PersistentVolume move(PersistentVolume volume) {
        if (VolumeStore.of(from).scopeOf(volume.name()) == VolumeScope.GLOBAL) {
            return VolumeStore.of(to).createHere(volume.spec(), Map.of());
        }
        PersistentVolume target = targets.containsKey(volume.name()) ? targets.get(volume.name()) : createTarget(volume);
        LiveCopy started = live.remove(volume.name());
        journal.step(started == null ? "copying" : "sending what changed of", volume.name());
        VolumeCopier.Copied result;
        if (started == null) {
            result = VolumeCopier.copy(from, volume.name(), to, volume.name());
        } else {
            try (started) {
                result = started.finish();
            }
        }
        journal.step("copied and verified", volume.name());
        bytes += result.bytes();
        files += result.files();
        return target;
    }

    private PersistentVolume createTarget(PersistentVolume volume) {
        PersistentVolume source = VolumeStore.of(from).find(volume.name()).orElseThrow(
                () -> new NotFoundException("volume", volume.name()));
        if (VolumeStore.of(to).find(volume.name()).isPresent()) {
            throw new VolumeConflictException(volume.name(), "a volume of that name on node " + to.node().id(),
                    "moving it from node " + from.node().id() + " (Berth never overwrites an existing volume)");
        }
        journal.incoming(volume.name());
        journal.step("recorded as incomplete on the target:", volume.name());
        PersistentVolume target = VolumeStore.of(to).createHere(volume.spec(),
                Map.of(MoveJournal.MOVE_LABEL, journal.id()));
        copied.add(target);
        sources.add(source);
        targets.put(volume.name(), target);
        return target;
    }

    /** Every volume is copied and verified: the copies on the target are complete, and may be started on. */
    public void commit() {
        journal.verified();
        journal.step("committed:", "every copy is complete");
    }

    /** Logs a step of the move's own (see {@link MoveJournal#step}). */
    public void step(String what, Object subject) {
        journal.step(what, subject);
    }

    public long bytes() {
        return bytes;
    }

    public long files() {
        return files;
    }

    /** Deletes the copies made on the target (the sources were never touched), then closes the journal. */
    public void rollBack() {
        for (LiveCopy copy : live.values()) {
            try {
                copy.close(); // its helpers hold the copy
            } catch (RuntimeException e) {
                LOG.warn("Could not remove the helpers of a copy on node {}: {}", to.node().id(), e.getMessage());
            }
        }
        live.clear();
        for (PersistentVolume target : copied) {
            try {
                target.delete();
            } catch (RuntimeException e) {
                LOG.warn("Could not delete the partial copy of volume {} on node {}: {}", target.name(),
                        to.node().id(), e.getMessage());
            }
        }
        copied.clear();
        journal.closed();
    }

    /** The move succeeded: retires the source copies (see {@link RetiredVolumes#retire}), then closes the journal. */
    public void retireSources() {
        for (PersistentVolume source : sources) {
            journal.step("retiring the source copy of", source.name());
            RetiredVolumes.retire(from, source, journal.started());
        }
        sources.clear();
        journal.closed();
    }
}
