package dev.berth.docker.internal.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.StreamType;
import dev.berth.BerthException;
import dev.berth.ExecResult;
import dev.berth.RestartPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The container calls of docker-java that take more than one line: create, exec and logs. */
final class DockerJavaContainers {
    private DockerJavaContainers() {
    }

    static CreateContainerCmd create(DockerClient client, ContainerDefinition d) {
        CreateContainerCmd cmd = client.createContainerCmd(d.image()).withName(d.name()).withLabels(d.labels())
                .withEnv(d.env()).withExposedPorts(d.ports().stream().map(ExposedPort::tcp).toList())
                .withStopTimeout(d.stopTimeoutSeconds()).withHostConfig(hostConfig(d));
        if (!d.entrypoint().isEmpty()) {
            cmd.withEntrypoint(d.entrypoint()).withCmd(d.command()); // an empty command clears the image's
        } else if (!d.command().isEmpty()) {
            cmd.withCmd(d.command());
        }
        if (d.user() != null) {
            cmd.withUser(d.user());
        }
        return cmd;
    }

    private static HostConfig hostConfig(ContainerDefinition d) {
        Map<String, String> tmpfs = new LinkedHashMap<>();
        List<com.github.dockerjava.api.model.Mount> mounts = new java.util.ArrayList<>();
        for (Mount m : d.mounts()) {
            switch (m.type()) {
                case TMPFS -> tmpfs.put(m.target(), "");
                case VOLUME, BIND -> mounts.add(DockerJavaServices.mount(m));
                case SECRET -> throw new IllegalArgumentException("Swarm secrets are for services: " + m.source());
            }
        }
        HostConfig host = HostConfig.newHostConfig().withMounts(mounts).withTmpFs(tmpfs.isEmpty() ? null : tmpfs)
                .withPortBindings(d.ports().stream()
                        .map(p -> new PortBinding(Ports.Binding.empty(), ExposedPort.tcp(p))).toList())
                .withRestartPolicy(restartPolicy(d.restartPolicy()));
        return d.networkMode() == null ? host : host.withNetworkMode(d.networkMode());
    }

    static com.github.dockerjava.api.model.RestartPolicy restartPolicy(RestartPolicy policy) {
        return switch (policy) {
            case NO -> com.github.dockerjava.api.model.RestartPolicy.noRestart();
            case ON_FAILURE -> com.github.dockerjava.api.model.RestartPolicy.onFailureRestart(0);
            case UNLESS_STOPPED -> com.github.dockerjava.api.model.RestartPolicy.unlessStoppedRestart();
            case ALWAYS -> com.github.dockerjava.api.model.RestartPolicy.alwaysRestart();
        };
    }

    static ExecResult exec(DockerClient client, String id, List<String> command, Duration deadline) {
        ExecCreateCmdResponse exec = client.execCreateCmd(id).withCmd(command.toArray(String[]::new))
                .withAttachStdout(true).withAttachStderr(true).exec();
        Collector out = new Collector();
        await(client.execStartCmd(exec.getId()).exec(out), deadline, "the command " + command.get(0));
        Long exit = client.inspectExecCmd(exec.getId()).exec().getExitCodeLong();
        return new ExecResult(exit == null ? -1 : exit.intValue(), out.stdout(), out.stderr());
    }

    static String logs(DockerClient client, String id, Duration deadline) {
        Collector out = new Collector();
        await(client.logContainerCmd(id).withStdOut(true).withStdErr(true).withTailAll().exec(out), deadline,
                "reading the logs");
        return out.all();
    }

    private static void await(Collector running, Duration deadline, String what) {
        try {
            if (!running.awaitCompletion(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                running.close();
                throw new java.io.UncheckedIOException(new java.net.SocketTimeoutException(what
                        + " did not finish within " + deadline.toSeconds() + " s"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while waiting for " + what, e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Collects frames by stream. */
    private static final class Collector extends ResultCallback.Adapter<Frame> {
        private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();

        @Override
        public synchronized void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).writeBytes(payload);
            all.writeBytes(payload);
        }

        synchronized String stdout() {
            return stdout.toString(StandardCharsets.UTF_8);
        }

        synchronized String stderr() {
            return stderr.toString(StandardCharsets.UTF_8);
        }

        synchronized String all() {
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
