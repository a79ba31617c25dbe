package dev.berth.docker.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.berth.BerthException;
import dev.berth.ExecResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Exec, logs, state and stop of one container. */
final class ContainerIo {
    private ContainerIo() {
    }

    /** Whether it runs now; a container that is gone does not. */
    static boolean isRunning(Engine engine, String containerId) {
        return engine.find(() -> engine.client().inspectContainerCmd(containerId).exec())
                .map(c -> Boolean.TRUE.equals(c.getState().getRunning())).orElse(false);
    }

    /** Stops it gracefully (SIGKILL after {@code timeout}); one that is stopped or gone already is done. */
    static void stop(Engine engine, String containerId, Duration timeout) {
        engine.runIgnoringAbsent(() -> {
            try {
                engine.client().stopContainerCmd(containerId).withTimeout((int) timeout.toSeconds()).exec();
            } catch (NotModifiedException alreadyStopped) {
                // stopping a stopped container is done
            }
        });
    }

    static ExecResult exec(Engine engine, String containerId, String... command) {
        ExecCreateCmdResponse exec = engine.call(() -> engine.client().execCreateCmd(containerId)
                .withCmd(command).withAttachStdout(true).withAttachStderr(true).exec());
        Collector out = new Collector();
        try {
            engine.client().execStartCmd(exec.getId()).exec(out).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while running a command in container " + containerId, e);
        }
        Long exit = engine.call(() -> engine.client().inspectExecCmd(exec.getId()).exec().getExitCodeLong());
        return new ExecResult(exit == null ? -1 : exit.intValue(), out.stdout(), out.stderr());
    }

    /** stdout and stderr interleaved, as {@code docker logs} shows them. */
    static String logs(Engine engine, String containerId) {
        Collector out = new Collector();
        try {
            engine.client().logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTailAll()
                    .exec(out).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while reading the logs of container " + containerId, e);
        }
        return out.all();
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
