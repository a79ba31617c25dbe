package dev.berth.samples;

import dev.berth.Berth;
import dev.berth.BerthException;
import dev.berth.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Takes a node of the Swarm down and brings it back, for the stories about losing one: runs the command of the system
 * property {@code berth.testkit.nodeCommand} (the testkit's), {@code {action}} being lose or start and {@code {node}}
 * the node's id; by default {@code bash scripts/cluster.sh node {action} {node}}, for the Swarm that script makes.
 */
final class NodeControl {
    static final String PROPERTY = "berth.testkit.nodeCommand";
    private static final long TIMEOUT_SECONDS = 300;
    private final String command;

    private NodeControl(String command) {
        this.command = command;
    }

    static NodeControl fromConfiguration() {
        return new NodeControl(System.getProperty(PROPERTY, "bash scripts/cluster.sh node {action} {node}"));
    }

    /**
     * Loses the node: its engine is killed (its containers die with it, and nothing is stopped or unmounted first, as
     * when a machine is lost); waits until the Swarm sees it down.
     */
    void lose(Berth berth, Node node) {
        run("lose", node);
        await(berth, node, false);
    }

    /** Starts the node's engine again and waits until the Swarm sees it ready. */
    void start(Berth berth, Node node) {
        run("start", node);
        await(berth, node, true);
    }

    private void run(String action, Node node) {
        String line = command.replace("{action}", action).replace("{node}", node.id());
        try {
            Process p = new ProcessBuilder("sh", "-c", line).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new BerthException("'" + line + "' failed: " + out.strip());
            }
        } catch (IOException e) {
            throw new BerthException("Could not run '" + line + "' (set " + PROPERTY + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while running '" + line + "'", e);
        }
    }

    private static void await(Berth berth, Node node, boolean ready) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (berth.cluster().node(node.id()).filter(Node::ready).isPresent() != ready) {
            if (System.nanoTime() > deadline) {
                throw new BerthException("Node " + node.id() + " is not " + (ready ? "ready" : "down") + " after 90 s");
            }
            Pause.briefly();
        }
    }
}
