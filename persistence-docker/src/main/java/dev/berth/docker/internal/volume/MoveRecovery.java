package dev.berth.docker.internal.volume;

import dev.berth.BerthException;
import dev.berth.Node;
import dev.berth.NodeUnavailableException;
import dev.berth.PersistentVolume;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.ContainerQuery;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Labels;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a move that a dead JVM left half done, as its {@link MoveJournal} records it. A move whose copies were all
 * verified is finished: the target copies are the live ones and the source copies are retired. Any other is undone:
 * the copies it made are deleted and the source copies, never touched, stay the live ones. Either way exactly one live
 * copy of each volume is left. A move whose target node cannot be reached is left as it is, and refused with a clear
 * error, since Berth cannot tell which copy is current.
 */
public final class MoveRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(MoveRecovery.class);

    private MoveRecovery() {
    }

    /** Settles the interrupted moves of {@code volume} that any reachable node records. */
    public static void settle(EngineContext ctx, String volume) {
        for (EngineContext node : ctx.everyNode()) {
            MoveJournal.leavingEntry(node, volume).ifPresent(entry -> settle(node, entry));
        }
    }

    /**
     * Refuses to start on {@code ctx}'s copy of {@code volume} while it is incomplete: a move there was interrupted and
     * its source, which holds the complete copy, could not be reached to settle it.
     */
    public static void requireComplete(EngineContext ctx, String volume) {
        Optional<ContainerInfo> incoming = MoveJournal.incomingEntry(ctx, volume);
        if (incoming.isPresent()) {
            String source = incoming.get().labels().getOrDefault(MoveJournal.SOURCE_LABEL, "?");
            throw new BerthException("The copy of volume '" + volume + "' on node " + ctx.node().id() + " is "
                    + "incomplete: a move from node " + source + " was interrupted before it was verified, and node "
                    + source + ", which holds the complete copy, cannot be reached. Berth never starts on an "
                    + "incomplete copy: bring node " + source + " back, then start again.");
        }
    }

    private static void settle(EngineContext source, ContainerInfo entry) {
        String targetId = entry.labels().get(MoveJournal.TARGET_LABEL);
        String volume = entry.labels().get(MoveJournal.VOLUME_LABEL);
        Node target = source.cluster().node(targetId).filter(Node::ready).orElseThrow(() ->
                new NodeUnavailableException(targetId, "A move of volume '" + volume + "' from node "
                        + source.node().id() + " to node " + targetId + " was interrupted, and node " + targetId
                        + " cannot be reached, so Berth cannot tell which copy is current: both are kept as they are. "
                        + "Bring node " + targetId + " back, then start again."));
        MoveJournal journal = MoveJournal.of(source, source.on(target), entry);
        List<String> volumes = journal.volumes();
        boolean verified = !journal.anyIncoming() && volumes.stream().allMatch(v -> copyOf(journal, v).isPresent());
        if (verified) {
            volumes.forEach(v -> retireSource(journal, v));
            LOG.warn("Finished an interrupted move of volumes {} from node {} to node {}: every copy there was "
                    + "verified, so they are the live ones; the source copies are retired", volumes,
                    source.node().id(), targetId);
        } else {
            for (String v : volumes) {
                copyOf(journal, v).ifPresent(copy -> {
                    removeHelpers(journal.target(), v); // the dead JVM's, copying into it
                    copy.delete();
                });
            }
            LOG.warn("Undid an interrupted move of volumes {} from node {} to node {}: it had not verified every "
                    + "copy, so the copies it made are deleted and node {} keeps the live ones", volumes,
                    source.node().id(), targetId, source.node().id());
        }
        journal.closed();
    }

    /** The copy of {@code volume} this move made on its target: one of that name that it did not make is not it. */
    private static Optional<PersistentVolume> copyOf(MoveJournal journal, String volume) {
        return journal.target().engine().inspectVolume(volume)
                .filter(v -> journal.id().equals(v.labels().get(MoveJournal.MOVE_LABEL)))
                .flatMap(v -> VolumeStore.of(journal.target()).find(volume));
    }

    private static void removeHelpers(EngineContext ctx, String volume) {
        ctx.engine().listContainers(ContainerQuery.mounting(volume)).stream()
                .filter(c -> Labels.isManaged(c.labels()) && c.labels().containsKey(ArchiveHelper.HELPER_LABEL))
                .forEach(c -> ctx.engine().removeContainer(c.id()));
    }

    /** The moved container's stopped leftovers on the source go first, so that nothing uses the copy it retires. */
    private static void retireSource(MoveJournal journal, String volume) {
        EngineContext source = journal.source();
        Optional<PersistentVolume> copy = VolumeStore.of(source).find(volume);
        if (copy.isEmpty()) {
            return; // retired before the crash
        }
        for (ContainerInfo c : source.engine().listContainers(ContainerQuery.mounting(volume))) {
            if (c.running() || c.paused() || c.restarting()) {
                throw new BerthException("Volume '" + volume + "' was moved from node " + source.node().id()
                        + " to node " + journal.target().node().id() + ", but container '" + VolumeStore.nameOf(c)
                        + "' runs on its source copy. Stop it (the moved data is on node "
                        + journal.target().node().id() + "), then start again.");
            }
            if (Labels.isManaged(c.labels())) {
                source.engine().removeContainer(c.id());
            }
        }
        RetiredVolumes.retire(source, copy.get(), journal.started());
    }
}
