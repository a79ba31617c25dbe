package dev.berth;

import java.util.List;
import java.util.Map;

/**
 * How to run one kind of service with its data on a volume: image, data path, environment, command, readiness, a
 * quiesce hook for consistent snapshots, and a {@link DataProbe} speaking the service's own protocol.
 *
 * <p>Apply one with {@link ContainerSpec.Settings#recipe(Recipe)}; an {@code image(...)} given after it overrides the
 * recipe's default image. Implementations are immutable, thread-safe, and have a public no-argument constructor, so
 * the testkit can make them from a class.
 *
 * <pre>{@code
 * Postgres recipe = new Postgres();
 * berth.container("pg").recipe(recipe).mount(volume, recipe.dataPath()).start();
 * }</pre>
 */
public interface Recipe {

    /** The default image, such as {@code redis:7.0}. */
    String image();

    /** Where the service keeps its data: the volume is mounted here. */
    String dataPath();

    default Map<String, String> env() {
        return Map.of();
    }

    /** Environment whose values are secret, such as passwords: never logged. */
    default Map<String, String> secretEnv() {
        return Map.of();
    }

    /** The command, or empty for the image's default. */
    default List<String> command() {
        return List.of();
    }

    /** Ports to publish. */
    default List<Integer> ports() {
        return List.of();
    }

    default Readiness readiness() {
        return Readiness.running();
    }

    /**
     * Brings the service's data to a consistent state on disk (a checkpoint, a flush), just before a snapshot.
     * Does nothing by default.
     */
    default void quiesce(StatefulContainer container) {
    }

    /** A probe that writes and reads markers through the service's own protocol. */
    DataProbe probe(StatefulContainer container);
}
