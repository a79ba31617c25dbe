package dev.berth.docker.internal.fake;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Swarm's placement constraints against the fake's nodes: {@code node.id}, {@code node.hostname}, {@code node.role},
 * {@code node.labels.<key>}, {@code node.platform.os} ({@code linux}) and {@code node.platform.arch}
 * ({@code x86_64}), with {@code ==} or {@code !=}, compared without regard to case as Swarm does. A constraint the
 * fake cannot read matches no node.
 */
final class Constraints {
    private Constraints() {
    }

    static boolean allow(List<String> constraints, FakeNode node) {
        return constraints.stream().allMatch(c -> allows(c, node));
    }

    private static boolean allows(String constraint, FakeNode node) {
        int equal = constraint.indexOf("==");
        int unequal = constraint.indexOf("!=");
        int at = equal >= 0 ? equal : unequal;
        if (at < 0) {
            return false;
        }
        String key = constraint.substring(0, at).strip();
        String wanted = constraint.substring(at + 2).strip();
        String actual = attribute(key, node);
        boolean same = actual != null && actual.equalsIgnoreCase(wanted);
        return at == equal ? same : !same;
    }

    private static @Nullable String attribute(String key, FakeNode node) {
        if (key.startsWith("node.labels.")) {
            return node.labels().get(key.substring("node.labels.".length()));
        }
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "node.id" -> node.id();
            case "node.hostname" -> node.hostname();
            case "node.role" -> node.isManager() ? "manager" : "worker";
            case "node.platform.os" -> "linux";
            case "node.platform.arch" -> "x86_64";
            default -> null;
        };
    }

    /** Swarm's reason for a task left pending. */
    static String noSuitableNode(int unmatched, int unavailable) {
        StringBuilder why = new StringBuilder("no suitable node (");
        if (unavailable > 0) {
            why.append(nodes(unavailable)).append(" not available for new tasks");
        }
        if (unmatched > 0) {
            why.append(unavailable > 0 ? "; " : "").append("scheduling constraints not satisfied on ")
                    .append(nodes(unmatched));
        }
        return why.append(')').toString();
    }

    private static String nodes(int n) {
        return n + (n == 1 ? " node" : " nodes");
    }
}
