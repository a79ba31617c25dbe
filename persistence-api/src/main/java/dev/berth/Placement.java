package dev.berth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a container may run, as Swarm placement constraints; Berth uses Swarm's scheduler, never one of its own.
 * Combine with {@link #and(Placement)}. Immutable and thread-safe.
 *
 * <pre>{@code
 * berth.container("redis").placement(Placement.label("zone", "a")).mount(data, "/data").start();
 * }</pre>
 */
public final class Placement {
    private final List<String> constraints;
    private final List<String> spreadOver;
    private final @Nullable String nodeId;

    private Placement(List<String> constraints, List<String> spreadOver, @Nullable String nodeId) {
        this.constraints = List.copyOf(constraints);
        this.spreadOver = List.copyOf(spreadOver);
        this.nodeId = nodeId;
    }

    /** On this node only. */
    public static Placement node(String nodeId) {
        Objects.requireNonNull(nodeId, "nodeId");
        return new Placement(List.of("node.id==" + nodeId), List.of(), nodeId);
    }

    /** On nodes with this label. */
    public static Placement label(String key, String value) {
        return new Placement(List.of("node.labels." + key + "==" + value), List.of(), null);
    }

    /** On manager nodes only. */
    public static Placement managerOnly() {
        return new Placement(List.of("node.role==manager"), List.of(), null);
    }

    /** Spread replicas over the values of a node label, such as zones. */
    public static Placement spread(String labelKey) {
        return new Placement(List.of(), List.of("node.labels." + labelKey), null);
    }

    /** Both placements at once. */
    public Placement and(Placement other) {
        List<String> c = new ArrayList<>(constraints);
        c.addAll(other.constraints);
        List<String> s = new ArrayList<>(spreadOver);
        s.addAll(other.spreadOver);
        return new Placement(c, s, nodeId != null ? nodeId : other.nodeId);
    }

    /** Swarm constraints, such as {@code node.labels.zone==a}. */
    public List<String> constraints() {
        return constraints;
    }

    /** Swarm spread preferences, such as {@code node.labels.zone}. */
    public List<String> spreadOver() {
        return spreadOver;
    }

    /** The node this placement pins to, if it pins to one. */
    public Optional<String> nodeId() {
        return Optional.ofNullable(nodeId);
    }

    /** Whether a node satisfies every constraint (Swarm's {@code ==} and {@code !=} on id, role and labels). */
    public boolean allows(Node node) {
        return constraints.stream().allMatch(c -> satisfies(c, node));
    }

    private static boolean satisfies(String constraint, Node node) {
        boolean negated = constraint.contains("!=");
        String[] parts = constraint.split(negated ? "!=" : "==", 2);
        String key = parts[0].strip();
        String expected = parts[1].strip();
        String actual;
        if (key.equals("node.id")) {
            actual = node.id();
        } else if (key.equals("node.role")) {
            actual = node.role().name().toLowerCase(java.util.Locale.ROOT);
        } else if (key.equals("node.hostname")) {
            actual = node.name();
        } else if (key.startsWith("node.labels.")) {
            actual = node.labels().get(key.substring("node.labels.".length()));
        } else {
            actual = null;
        }
        return negated != expected.equals(actual);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Placement p && constraints.equals(p.constraints) && spreadOver.equals(p.spreadOver);
    }

    @Override
    public int hashCode() {
        return Objects.hash(constraints, spreadOver);
    }

    @Override
    public String toString() {
        return "Placement" + constraints + (spreadOver.isEmpty() ? "" : " spread " + spreadOver);
    }
}
