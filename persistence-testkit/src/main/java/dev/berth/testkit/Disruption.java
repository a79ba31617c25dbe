package dev.berth.testkit;

import dev.berth.Node;
import dev.berth.StatefulContainer;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Something production does to a container, followed by what brings it back, so that the data can be checked.
 * {@code PersistenceAssertions.assertThat(container).survives(...)} writes markers before each one and reads them
 * after; each disruption proves something different:
 * <table>
 *   <caption>The catalogue</caption>
 *   <tr><th>disruption</th><th>what surviving it proves</th></tr>
 *   <tr><td>{@link #KILL}</td><td>every acknowledged write was on disk (fsync'd) in the volume, not in a cache or
 *       in the container's own layer: the power-cut case</td></tr>
 *   <tr><td>{@link #STOP}</td><td>a graceful shutdown (SIGTERM within the stop timeout) loses nothing, and the
 *       next start on existing data comes up</td></tr>
 *   <tr><td>{@link #RESTART}</td><td>the same, through the container's own restart</td></tr>
 *   <tr><td>{@link #RECREATE}</td><td>the data lives in the volume, not the container: a new container from the
 *       spec finds it (an image upgrade, a redeploy)</td></tr>
 *   <tr><td>{@link #PAUSE}</td><td>a freeze (a snapshot's pause, a stalled host) neither loses writes nor leaves
 *       the service unable to go on</td></tr>
 *   <tr><td>{@link #ENGINE_RESTART}</td><td>the data outlives the Docker engine itself restarting, and only one
 *       writer comes back</td></tr>
 *   <tr><td>{@link #NODE_LOSS}</td><td>when the node holding LOCAL data is lost, nothing starts elsewhere on empty
 *       volumes, and the container comes back with its data once the node does</td></tr>
 *   <tr><td>{@link #moveTo(Node)}</td><td>the data arrives on another node whole: copied, verified, and started
 *       there</td></tr>
 * </table>
 * Immutable and thread-safe.
 */
public final class Disruption {
    /** SIGKILL, like the power going out; then a fresh start on the same volumes. */
    public static final Disruption KILL = new Disruption("KILL", c -> {
        c.kill();
        c.start();
    });
    /** A graceful stop; then a start. */
    public static final Disruption STOP = new Disruption("STOP", c -> {
        c.stop();
        c.start();
    });
    /** Stop and start in one. */
    public static final Disruption RESTART = new Disruption("RESTART", StatefulContainer::restart);
    /** The container is removed and a new one made from the same spec on the same volumes. */
    public static final Disruption RECREATE = new Disruption("RECREATE", StatefulContainer::recreate);
    /** Every process frozen for a moment, then thawed. */
    public static final Disruption PAUSE = new Disruption("PAUSE", c -> {
        c.pause();
        sleep(Duration.ofMillis(500));
        c.unpause();
    });
    /**
     * The Docker engine itself restarts (its containers stop with it); then the container is started again. The
     * engine-control command comes from configuration: see the system property
     * {@code berth.testkit.engineRestartCommand}.
     */
    public static final Disruption ENGINE_RESTART = new Disruption("ENGINE_RESTART", c -> {
        EngineControl.restartEngine();
        c.start();
    });

    /**
     * The node the container runs on loses its engine. Berth must then refuse to start the container anywhere else
     * with empty volumes (it throws {@link dev.berth.NodeUnavailableException}); once the node is back, the container
     * starts there with its data. The node-control command comes from the system property
     * {@code berth.testkit.nodeCommand}, such as {@code bash scripts/cluster.sh node {action} {node}}.
     */
    public static final Disruption NODE_LOSS = new Disruption("NODE_LOSS", NodeLoss::apply);

    private final String name;
    private final Consumer<StatefulContainer> action;

    private Disruption(String name, Consumer<StatefulContainer> action) {
        this.name = name;
        this.action = action;
    }

    /** The container, with its data, moves to another node of the cluster. */
    public static Disruption moveTo(Node node) {
        Objects.requireNonNull(node, "node");
        return new Disruption("MOVE_TO(" + node.id() + ")", c -> c.moveTo(node));
    }

    /** A disruption of your own: {@code action} does it and brings the container back. */
    public static Disruption of(String name, Consumer<StatefulContainer> action) {
        return new Disruption(Objects.requireNonNull(name, "name"), Objects.requireNonNull(action, "action"));
    }

    public String name() {
        return name;
    }

    /** Does it to the container, and brings the container back running. */
    public void applyTo(StatefulContainer container) {
        action.accept(container);
    }

    @Override
    public String toString() {
        return name;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during a disruption", e);
        }
    }
}
