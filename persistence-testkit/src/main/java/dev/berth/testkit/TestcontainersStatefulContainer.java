package dev.berth.testkit;

import com.github.dockerjava.api.DockerClient;
import dev.berth.ContainerSpec;
import dev.berth.ContainerState;
import dev.berth.ExecResult;
import dev.berth.MoveReport;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.StatefulContainer;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;

/**
 * A Testcontainers container seen as a {@link StatefulContainer}. Every start after a kill or stop is a fresh
 * container from the same configuration, with the same Berth volume, as with Berth's own containers.
 */
final class TestcontainersStatefulContainer implements StatefulContainer {
    private final GenericContainer<?> container;
    private final PersistentVolume volume;
    private final ContainerSpec spec;

    TestcontainersStatefulContainer(GenericContainer<?> container, PersistentVolume volume, String path) {
        this.container = container;
        this.volume = volume;
        this.spec = ContainerSpec.builder("tc-" + volume.name()).image(container.getDockerImageName())
                .mount(volume, path).build();
    }

    private DockerClient docker() {
        return container.getDockerClient();
    }

    private String id() {
        String id = container.getContainerId();
        if (id == null) {
            throw new IllegalStateException("The Testcontainers container on volume " + volume.name()
                    + " is not started: call start() first.");
        }
        return id;
    }

    @Override
    public String name() {
        return container.getContainerId() == null ? spec.name() : container.getContainerName().replaceFirst("^/", "");
    }

    @Override
    public ContainerSpec spec() {
        return spec;
    }

    @Override
    public void start() {
        if (state() == ContainerState.RUNNING) {
            return;
        }
        if (container.getContainerId() != null) {
            container.stop(); // Testcontainers starts only a container it has forgotten: remove the stopped one
        }
        container.start();
    }

    @Override
    public void stop() {
        docker().stopContainerCmd(id()).exec();
    }

    @Override
    public void kill() {
        kill("SIGKILL");
    }

    @Override
    public void kill(String signal) {
        docker().killContainerCmd(id()).withSignal(signal).exec();
        for (int i = 0; i < 500 && "SIGKILL".equals(signal) && state() == ContainerState.RUNNING; i++) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void pause() {
        docker().pauseContainerCmd(id()).exec();
    }

    @Override
    public void unpause() {
        docker().unpauseContainerCmd(id()).exec();
    }

    @Override
    public void restart() {
        stop();
        start();
    }

    @Override
    public void recreate() {
        container.stop();
        container.start();
    }

    @Override
    public ExecResult exec(String... command) {
        try {
            Container.ExecResult r = container.execInContainer(command);
            return new ExecResult(r.getExitCode(), r.getStdout(), r.getStderr());
        } catch (IOException e) {
            throw new IllegalStateException("exec " + List.of(command) + " failed in " + name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during exec in " + name(), e);
        }
    }

    @Override
    public String logs() {
        return container.getLogs();
    }

    @Override
    public ContainerState state() {
        String id = container.getContainerId();
        if (id == null) {
            return ContainerState.ABSENT;
        }
        try {
            String status = docker().inspectContainerCmd(id).exec().getState().getStatus();
            return ContainerState.valueOf(String.valueOf(status).toUpperCase(Locale.ROOT));
        } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
            return ContainerState.ABSENT;
        }
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int mappedPort(int containerPort) {
        return container.getMappedPort(containerPort);
    }

    /** Testcontainers runs its containers on one engine: the node is the volume's. */
    @Override
    public Node node() {
        return volume.node();
    }

    @Override
    public MoveReport moveTo(Node target) {
        throw new UnsupportedOperationException("Testcontainers runs its containers on one engine; to move data, "
                + "start the container through Berth (berth.container(...)) and call moveTo on it.");
    }

    @Override
    public List<PersistentVolume> volumes() {
        return List.of(volume);
    }

    @Override
    public void remove() {
        container.stop();
    }

    @Override
    public String toString() {
        return "StatefulContainer[testcontainers " + container.getDockerImageName() + " on " + volume.name() + "]";
    }
}
