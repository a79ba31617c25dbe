package dev.berth.docker.internal.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.berth.BerthException;
import dev.berth.ExecResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The container calls of docker-java that take more than one line: stop, list, and exec and logs within a deadline. */
final class DockerJavaContainers {
    private DockerJavaContainers() {
    }

    static ExecResult exec(DockerClient client, String id, List<String> command, Duration deadline) {
        ExecCreateCmdResponse exec = client.execCreateCmd(id).withCmd(command.toArray(String[]::new))
                .withAttachStdout(true).withAttachStderr(true).exec();
        Collector out = new Collector();
        await(client.execStartCmd(exec.getId()).exec(out), deadline, "the command " + command.get(0));
        Long exit = client.inspectExecCmd(exec.getId()).exec().getExitCodeLong();
        return new ExecResult(exit == null ? -1 : exit.intValue(), out.stdout(), out.stderr());
    }

    static void stop(DockerClient client, String id, Duration timeout) {
        try {
            client.stopContainerCmd(id).withTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toSeconds())).exec();
        } catch (NotModifiedException alreadyStopped) {
            // stopping a stopped container is done
        }
    }

    static List<ContainerInfo> list(DockerClient client, ContainerQuery query) {
        var cmd = client.listContainersCmd().withShowAll(true);
        if (!query.labels().isEmpty()) {
            cmd.withLabelFilter(query.labels());
        }
        query.volume().ifPresent(v -> cmd.withVolumeFilter(List.of(v)));
        return cmd.exec().stream().map(DockerJavaModels::container)
                .filter(c -> query.volume().isEmpty() || c.mounts(query.volume().get(), false)).toList();
    }

    static long awaitExit(DockerClient client, String id, Duration deadline) {
        Integer code = client.waitContainerCmd(id).exec(new com.github.dockerjava.api.command
                .WaitContainerResultCallback()).awaitStatusCode(deadline.toMillis(), TimeUnit.MILLISECONDS);
        return code == null ? -1L : code.longValue();
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
