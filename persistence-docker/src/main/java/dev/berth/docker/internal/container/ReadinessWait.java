package dev.berth.docker.internal.container;

import dev.berth.ContainerNotReadyException;
import dev.berth.ContainerSpec;
import dev.berth.NotFoundException;
import dev.berth.StatefulContainer;
import dev.berth.docker.internal.common.Deadline;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.node.Redaction;
import java.time.Duration;
import java.util.stream.Collectors;

/** Waits until a started container passes its {@link dev.berth.Readiness} check, or says why it never will. */
final class ReadinessWait {
    private static final int LOG_TAIL_LINES = 30;
    private static final Duration LOGS_DEADLINE = Duration.ofSeconds(30);

    private ReadinessWait() {
    }

    /** With {@code firstStart}, the check for a first start on empty volumes; else the one for a restart on data. */
    static void await(Engine engine, StatefulContainer container, String containerId, boolean firstStart,
            Duration defaultTimeout) {
        ContainerSpec spec = container.spec();
        Duration timeout = spec.readiness().timeout().orElse(defaultTimeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = 20;
        RuntimeException lastCheckFailure = null;
        while (true) {
            ContainerInfo state = engine.inspectContainer(containerId)
                    .orElseThrow(() -> new NotFoundException("container", spec.name()));
            if (!state.running() && !state.restarting()) {
                throw notReady(engine, spec, containerId,
                        "it exited with code " + state.exitCode() + " while " + spec.readiness().description()
                                + " was awaited");
            }
            try {
                if (spec.readiness().isReady(container, firstStart)) {
                    return;
                }
            } catch (RuntimeException e) {
                lastCheckFailure = e;
            }
            if (System.nanoTime() > deadline) {
                String why = spec.readiness().description() + " did not hold within " + timeout
                        + (lastCheckFailure == null ? "" : " (last check failed: " + lastCheckFailure.getMessage() + ")");
                throw notReady(engine, spec, containerId, why);
            }
            Deadline.sleep(pauseMillis);
            pauseMillis = Math.min(100, pauseMillis * 2);
        }
    }

    private static ContainerNotReadyException notReady(Engine engine, ContainerSpec spec, String id, String why) {
        String logs;
        try {
            logs = engine.logs(id, LOGS_DEADLINE);
        } catch (RuntimeException e) {
            logs = "(logs unavailable: " + e.getMessage() + ")";
        }
        String tail = logs.lines().skip(Math.max(0, logs.lines().count() - LOG_TAIL_LINES))
                .collect(Collectors.joining("\n"));
        return new ContainerNotReadyException(spec.name(),
                Redaction.mask(why, spec.secretEnv().values()), Redaction.mask(tail, spec.secretEnv().values()));
    }
}
