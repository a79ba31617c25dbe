package dev.berth.docker.internal.container;

import dev.berth.BerthException;
import java.util.Optional;

/**
 * How a stateful container runs on its node: as a plain container ({@link PlainContainer}) or as a one-task Swarm
 * service ({@link PinnedService}). Either way every start makes a fresh container from the spec on the same volumes.
 */
interface Incarnation {

    /** Creates it, and when {@code start}, starts it: returns the id of its running container (empty when not). */
    Optional<String> launch(boolean start);

    /** Stops it gracefully; its volumes stay as they are. */
    void stop();

    /** Replaces its container with a fresh one from the spec, on the same volumes; returns the new one's id. */
    String recreate();

    /** Its current container: the running one, else the latest; empty when it has none. */
    Optional<String> container();

    /** Removes it; named volumes are never touched. */
    void remove();

    /** After the container moved to another node: removes what is left of it on this one. */
    void removeLeftovers();

    static BerthException none(String name) {
        return new BerthException("Container '" + name + "' has no running incarnation: call start() or recreate() "
                + "first.");
    }
}
