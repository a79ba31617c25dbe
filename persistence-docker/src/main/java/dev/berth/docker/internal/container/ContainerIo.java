package dev.berth.docker.internal.container;

import dev.berth.ContainerState;
import dev.berth.docker.internal.common.Deadline;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.Engine;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The state of one container, as Berth asks it everywhere. */
final class ContainerIo {
    private ContainerIo() {
    }

    /** Waits (up to 5 s) until it no longer runs, as after a SIGKILL. */
    static void awaitNotRunning(Engine engine, String containerId) {
        for (int i = 0; i < 500 && isRunning(engine, containerId); i++) {
            Deadline.sleep(10);
        }
    }

    /** The engine's word for a container's state as Berth's. */
    static ContainerState stateOf(@Nullable String status) {
        if (status == null) {
            return ContainerState.ABSENT;
        }
        try {
            return ContainerState.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ContainerState.DEAD;
        }
    }

    /** Whether it runs now; a container that is gone does not. */
    static boolean isRunning(Engine engine, String containerId) {
        return engine.inspectContainer(containerId).map(ContainerInfo::running).orElse(false);
    }
}
