package dev.berth.samples.readme;

import dev.berth.Berth;
import dev.berth.BerthSettings;
import dev.berth.Node;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Removes, on every node, what the README's snippets make under the README's own names (they carry no test label):
 * the services and containers first, then their locks, then the volumes. Nothing of another name is touched.
 */
final class ReadmeLeftovers {
    static final List<String> CONTAINERS = List.of("orders-pg", "orders-pg-2", "orders", "cache-0", "cache-1",
            "cache-2");
    static final List<String> VOLUMES = List.of("media", "orders-pg", "orders-pg-copy", "orders", "data-cache-0",
            "data-cache-1", "data-cache-2");
    private static final String HOST = System.getProperty("berth.it.dockerHost", "unix:///var/run/docker.sock");

    private ReadmeLeftovers() {
    }

    static void remove() throws IOException, InterruptedException {
        List<String> endpoints = new ArrayList<>();
        try (Berth berth = Berth.connect(BerthSettings.builder().dockerHost(HOST).build())) {
            for (Node node : berth.cluster().nodes()) {
                node.engineEndpoint().ifPresent(endpoints::add);
            }
        }
        if (!endpoints.contains(HOST)) {
            endpoints.add(0, HOST);
        }
        docker(HOST, "service rm " + String.join(" ", CONTAINERS));
        for (String endpoint : endpoints) {
            List<String> names = new ArrayList<>(CONTAINERS);
            VOLUMES.forEach(v -> names.add("berth-lock." + v));
            docker(endpoint, "rm -f " + String.join(" ", names));
            docker(endpoint, "rm -f $(docker ps -aq --filter label=com.docker.swarm.service.name=orders)");
            docker(endpoint, "volume rm " + String.join(" ", VOLUMES)
                    + " $(docker volume ls -q | grep '^orders\\.retired-')");
        }
    }

    /** Runs a docker command against one engine; what is not there is not an error. */
    private static void docker(String endpoint, String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "docker " + command + " >/dev/null 2>&1; true");
        builder.environment().put("DOCKER_HOST", endpoint);
        Process run = builder.start();
        if (!run.waitFor(60, TimeUnit.SECONDS)) {
            run.destroyForcibly();
        }
    }
}
