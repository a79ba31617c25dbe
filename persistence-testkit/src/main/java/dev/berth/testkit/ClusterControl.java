package dev.berth.testkit;

import dev.berth.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs the commands that create a cluster and stop or start one of its nodes, from configuration (system properties,
 * or the same names upper-cased with dots as underscores in the environment).
 */
final class ClusterControl {
    /** Creates a Swarm of {@code {nodes}} extra nodes, such as {@code bash scripts/cluster.sh up {nodes}}. */
    static final String UP_PROPERTY = "berth.testkit.clusterUpCommand";
    /** Stops or starts one node's engine: {@code {action}} is stop or start, {@code {node}} the node's id. */
    static final String NODE_PROPERTY = "berth.testkit.nodeCommand";
    private static final long TIMEOUT_SECONDS = 300;

    private ClusterControl() {
    }

    static boolean canCreate() {
        return command(UP_PROPERTY) != null;
    }

    static void up(int nodes) {
        run(UP_PROPERTY, required(UP_PROPERTY).replace("{nodes}", Integer.toString(nodes)));
    }

    static void node(String action, Node node) {
        run(NODE_PROPERTY, required(NODE_PROPERTY).replace("{action}", action).replace("{node}", node.id()));
    }

    private static String command(String property) {
        String value = System.getProperty(property,
                System.getenv(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_')));
        return value == null || value.isBlank() ? null : value;
    }

    private static String required(String property) {
        String command = command(property);
        if (command == null) {
            throw new IllegalStateException("Set the system property " + property + " to the command that does this "
                    + "(see the javadoc of DockerCluster and Disruption.NODE_LOSS).");
        }
        return command;
    }

    private static void run(String property, String command) {
        try {
            Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(property + " '" + command + "' failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + property + " '" + command + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running '" + command + "'", e);
        }
    }
}
