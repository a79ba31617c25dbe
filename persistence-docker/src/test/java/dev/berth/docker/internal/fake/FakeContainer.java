package dev.berth.docker.internal.fake;

import dev.berth.docker.internal.engine.ContainerDefinition;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.Mount;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One container of a node: what it was made from, the volumes it mounts (anonymous ones named), its state in the
 * engine's words, and the log text a test scripted for it. Changed only under the swarm's lock.
 */
final class FakeContainer {
    final String id;
    final String name;
    ContainerDefinition definition;
    final List<Mount> mounts;
    final List<String> anonymousVolumes;
    final Instant created;
    final @Nullable String taskId;
    final StringBuilder logs = new StringBuilder();
    String state = "created";
    long exitCode;
    boolean stoppedByUser;
    boolean startedBefore;
    Map<Integer, Integer> hostPorts = Map.of();
    @Nullable Instant restartAt;

    FakeContainer(String id, String name, ContainerDefinition definition, List<Mount> mounts,
            List<String> anonymousVolumes, Instant created, @Nullable String taskId) {
        this.id = id;
        this.name = name;
        this.definition = definition;
        this.mounts = List.copyOf(mounts);
        this.anonymousVolumes = List.copyOf(anonymousVolumes);
        this.created = created;
        this.taskId = taskId;
    }

    boolean running() {
        return "running".equals(state);
    }

    boolean paused() {
        return "paused".equals(state);
    }

    /** Exited, and the engine will start it again. */
    boolean restarting() {
        return "restarting".equals(state);
    }

    /** Created, exited, restarting or dead: no process. */
    boolean stopped() {
        return !running() && !paused();
    }

    boolean mountsVolume(String volume) {
        return mounts.stream().anyMatch(m -> m.type() == Mount.Type.VOLUME && m.source().equals(volume));
    }

    private List<ContainerInfo.MountInfo> mountInfos() {
        return mounts.stream().filter(m -> m.type() == Mount.Type.VOLUME)
                .map(m -> new ContainerInfo.MountInfo(m.source(), !m.readOnly())).toList();
    }

    ContainerInfo inspected() {
        return new ContainerInfo(id, name, definition.labels(), state, exitCode, created, mountInfos(), hostPorts);
    }

    /** As a listing gives it: no exit code, no ports, the creation time in whole seconds. */
    ContainerInfo listed() {
        return new ContainerInfo(id, name, definition.labels(), state, -1, created.truncatedTo(ChronoUnit.SECONDS),
                mountInfos(), Map.of());
    }
}
