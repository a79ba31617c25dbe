package dev.berth.docker.internal.container;

import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.Engine;

/** The state of one container, as Berth asks it everywhere. */
final class ContainerIo {
    private ContainerIo() {
    }

    /** Whether it runs now; a container that is gone does not. */
    static boolean isRunning(Engine engine, String containerId) {
        return engine.inspectContainer(containerId).map(ContainerInfo::running).orElse(false);
    }
}
