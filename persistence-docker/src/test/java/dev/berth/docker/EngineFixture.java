package dev.berth.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.berth.Berth;
import dev.berth.BerthSettings;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A connection to the real engine for *IT, plus a raw docker-java client to check the engine's own state. Everything
 * made through it carries a run label and is removed after the class; nothing else is touched.
 */
public final class EngineFixture implements AfterAllCallback {
    public static final String DOCKER_HOST = System.getProperty("berth.it.dockerHost", "unix:///var/run/docker.sock");
    public static final String RUN_LABEL = "dev.berth.it-run";
    public static final String BUSYBOX = "busybox:1.35";
    /** Sleeps, but exits at once on SIGTERM (a plain sleep as PID 1 ignores it and costs a stop timeout). */
    public static final String[] SLEEP = {"sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"};

    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    /** Where the engine's published ports are reached: its own network namespace's address for the engine matrix. */
    public static final String PUBLISHED_HOST = System.getProperty("berth.it.publishedHost", "localhost");
    private final BerthSettings settings = BerthSettings.builder().dockerHost(DOCKER_HOST).publishedHost(PUBLISHED_HOST)
            .label(RUN_LABEL, runId).build();
    private final Berth berth = Berth.connect(settings);
    private final DockerClient docker = rawClient();

    public Berth berth() {
        return berth;
    }

    public BerthSettings settings() {
        return settings;
    }

    public DockerClient docker() {
        return docker;
    }

    public String runId() {
        return runId;
    }

    /** A name unique to this run, such as {@code it-3f2a1b0c-orders}. */
    public String name(String base) {
        return "it-" + runId + "-" + base;
    }

    public static DockerClient rawClient() {
        return client(DOCKER_HOST);
    }

    /** A docker-java client of the engine at {@code host}, to look behind Berth's back. */
    public static DockerClient client(String host) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
        var http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build();
        return DockerClientImpl.getInstance(config, http);
    }

    /** Prunes, on every node, everything of this run: its containers, running or not, and its volumes. */
    public void pruneRun() {
        berth.prune(dev.berth.PruneOptions.builder().label(RUN_LABEL, runId).includeRunning(true).includeVolumes(true)
                .build());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        String filter = RUN_LABEL + "=" + runId;
        // Swarm services first: their tasks' containers go with them (and would otherwise come back).
        if (berth.cluster().isSwarm()) {
            for (Service s : docker.listServicesCmd().withLabelFilter(java.util.Map.of(RUN_LABEL, runId)).exec()) {
                docker.removeServiceCmd(s.getId()).exec();
            }
        }
        List<Container> containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(filter)).exec();
        for (Container c : containers) {
            docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
        }
        List<InspectVolumeResponse> volumes = docker.listVolumesCmd().withFilter("label", List.of(filter)).exec()
                .getVolumes();
        for (InspectVolumeResponse v : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            docker.removeVolumeCmd(v.getName()).exec();
        }
        berth.close();
        docker.close();
    }
}
