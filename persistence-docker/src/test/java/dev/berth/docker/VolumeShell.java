package dev.berth.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.berth.Node;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Runs a shell script in a busybox container with a volume at /data, outside Berth, and returns its output. */
public final class VolumeShell {
    private VolumeShell() {
    }

    public static String run(EngineFixture engine, String volume, String script) {
        return run(engine.docker(), engine.runId(), volume, script);
    }

    /** The same on a node of the Swarm, through its own engine. */
    public static String onNode(EngineFixture engine, Node node, String volume, String script) {
        try (DockerClient docker = client(node)) {
            return run(docker, engine.runId(), volume, script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the volumes on a node of the Swarm, through its own engine. */
    public static List<String> volumesOn(Node node) {
        try (DockerClient docker = client(node)) {
            List<InspectVolumeResponse> volumes = docker.listVolumesCmd().exec().getVolumes();
            return volumes == null ? List.of() : volumes.stream().map(InspectVolumeResponse::getName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client of a node's own engine. */
    public static DockerClient client(Node node) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(node.engineEndpoint().orElseThrow()).build();
        return DockerClientImpl.getInstance(config,
                new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
    }

    private static String run(DockerClient docker, String runId, String volume, String script) {
        String id = docker.createContainerCmd(EngineFixture.BUSYBOX).withCmd("sh", "-c", script)
                .withLabels(Map.of(EngineFixture.RUN_LABEL, runId))
                .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(volume, new Volume("/data"))))
                .exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            int exit = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode();
            StringBuilder out = new StringBuilder();
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }).awaitCompletion();
            if (exit != 0) {
                throw new AssertionError("script exited with " + exit + ": " + out);
            }
            return out.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }

    /** Every path under /data with its owner, group, mode and modification time, one per line, sorted. */
    public static String listing(EngineFixture engine, String volume) {
        return run(engine, volume, "cd /data && find . -exec stat -c '%n %u %g %a %Y %s %F' {} + | sort");
    }
}
