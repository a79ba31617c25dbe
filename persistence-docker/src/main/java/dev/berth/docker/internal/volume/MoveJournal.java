package dev.berth.docker.internal.volume;

import dev.berth.EngineCallException;
import dev.berth.ExclusiveAccessException;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.ContainerQuery;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Labels;
import dev.berth.docker.internal.node.Markers;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of a move of LOCAL volumes under way, kept in the engines themselves so that a JVM that dies at any step
 * leaves a state the next start recognises ({@link MoveRecovery}). Each entry is a container that is never started and
 * mounts nothing, which the engine creates and removes atomically by name:
 * <ul>
 *   <li>{@code berth-move.<volume>} on the source node, made before the container stops and removed last: while it is
 *       there the volume is leaving, and no other container may take it;</li>
 *   <li>{@code berth-incoming.<volume>} on the target node, made before the copy there and removed only once every
 *       volume of the move is copied and verified: while it is there the copy is incomplete, and nothing starts on
 *       it.</li>
 * </ul>
 * Both carry the move's id, which the target copy carries too, so that a recovery deletes only a copy this move made.
 */
public final class MoveJournal {
    private static final Logger LOG = LoggerFactory.getLogger(MoveJournal.class);
    /** On a journal entry and on the copy a move made: the move's id. */
    public static final String MOVE_LABEL = Labels.PREFIX + "move";
    static final String VOLUME_LABEL = Labels.PREFIX + "move-volume";
    static final String SOURCE_LABEL = Labels.PREFIX + "move-source";
    static final String TARGET_LABEL = Labels.PREFIX + "move-target";
    static final String CONTAINER_LABEL = Labels.PREFIX + "move-container";
    static final String STARTED_LABEL = Labels.PREFIX + "move-started";
    private static final String LEAVING = "berth-move.";
    private static final String INCOMING = "berth-incoming.";

    private final EngineContext from;
    private final EngineContext to;
    private final String id;
    private final String container;
    private final Instant started;

    MoveJournal(EngineContext from, EngineContext to, String container) {
        this(from, to, UUID.randomUUID().toString(), container, Instant.now());
    }

    private MoveJournal(EngineContext from, EngineContext to, String id, String container, Instant started) {
        this.from = from;
        this.to = to;
        this.id = id;
        this.container = container;
        this.started = started;
    }

    /** The journal of the move an entry on {@code from} records; {@code to} is its target node's context. */
    static MoveJournal of(EngineContext from, EngineContext to, ContainerInfo entry) {
        Map<String, String> l = entry.labels();
        return new MoveJournal(from, to, l.get(MOVE_LABEL), l.getOrDefault(CONTAINER_LABEL, ""),
                Instant.parse(l.get(STARTED_LABEL)));
    }

    String id() {
        return id;
    }

    /** When the move began: the retired copies are named after it, so that a retry reuses the same name. */
    Instant started() {
        return started;
    }

    EngineContext source() {
        return from;
    }

    EngineContext target() {
        return to;
    }

    /** Logs a step of the move (at DEBUG, as "Move step: ..."), so that a crash can be placed after any one. */
    void step(String what, Object subject) {
        LOG.debug("Move step: {} {} (move {} from node {} to node {})", what, subject, id, from.node().id(),
                to.node().id());
    }

    /** Records on the source node that {@code volume} is leaving; refuses when another move already records it. */
    void leaving(String volume) {
        create(from, LEAVING + volume, volume);
    }

    /** Records on the target node that the copy of {@code volume} there is incomplete. */
    void incoming(String volume) {
        create(to, INCOMING + volume, volume);
    }

    /** Every copy is verified: the copies on the target are complete. */
    void verified() {
        removeEntries(to, INCOMING);
    }

    /** The move is over, done or undone: the source keeps no record of it. */
    void closed() {
        removeEntries(to, INCOMING);
        removeEntries(from, LEAVING);
    }

    /** The volumes this move records as leaving the source. */
    List<String> volumes() {
        return entries(from, LEAVING).stream().map(e -> e.labels().get(VOLUME_LABEL)).toList();
    }

    /** Whether a copy of this move on the target is still unverified. */
    boolean anyIncoming() {
        return !entries(to, INCOMING).isEmpty();
    }

    /** The record on {@code ctx}'s node that {@code volume} is leaving it, if a move is under way. */
    public static Optional<ContainerInfo> leavingEntry(EngineContext ctx, String volume) {
        return entry(ctx, LEAVING + volume);
    }

    /** The record on {@code ctx}'s node that its copy of {@code volume} is incomplete. */
    public static Optional<ContainerInfo> incomingEntry(EngineContext ctx, String volume) {
        return entry(ctx, INCOMING + volume);
    }

    /** What a journal entry records, in words: "a move from node a to node b under way". */
    public static String describe(ContainerInfo entry) {
        return "a move from node " + entry.labels().get(SOURCE_LABEL) + " to node " + entry.labels().get(TARGET_LABEL)
                + " under way";
    }

    /** The volume a journal entry is about. */
    public static String volumeOf(ContainerInfo entry) {
        return entry.labels().get(VOLUME_LABEL);
    }

    /** Whether a container is an entry of some move's journal (prune keeps them). */
    public static boolean isEntry(ContainerInfo c) {
        return c.labels().containsKey(VOLUME_LABEL);
    }

    private static Optional<ContainerInfo> entry(EngineContext ctx, String name) {
        return ctx.engine().inspectContainer(name).filter(c -> c.name().equals(name) && isEntry(c));
    }

    private List<ContainerInfo> entries(EngineContext ctx, String prefix) {
        return ctx.engine().listContainers(ContainerQuery.labelled(Map.of(MOVE_LABEL, id))).stream()
                .filter(c -> c.name().startsWith(prefix)).toList();
    }

    private void removeEntries(EngineContext ctx, String prefix) {
        for (ContainerInfo entry : entries(ctx, prefix)) {
            ctx.engine().removeContainer(entry.id());
        }
    }

    private void create(EngineContext ctx, String name, String volume) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MOVE_LABEL, id);
        labels.put(VOLUME_LABEL, volume);
        labels.put(SOURCE_LABEL, from.node().id());
        labels.put(TARGET_LABEL, to.node().id());
        labels.put(CONTAINER_LABEL, container);
        labels.put(STARTED_LABEL, started.toString());
        try {
            ctx.engine().createContainer(Markers.definition(ctx, Markers.image(ctx), name, labels));
        } catch (EngineCallException e) {
            if (e.reason() != EngineCallException.Reason.CONFLICT) {
                throw e;
            }
            Optional<ContainerInfo> other = entry(ctx, name);
            if (other.filter(c -> id.equals(c.labels().get(MOVE_LABEL))).isEmpty()) { // a retry finds its own
                throw new ExclusiveAccessException(volume, other.map(MoveJournal::describe).orElse("another move"),
                        container.isEmpty() ? "a move" : container);
            }
        }
    }
}
