package dev.berth.docker.internal.fake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.BerthException;
import dev.berth.EngineCallException.Reason;
import dev.berth.ExecResult;
import dev.berth.docker.internal.engine.ArchiveBody;
import dev.berth.docker.internal.engine.ContainerDefinition;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.ContainerQuery;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.engine.EngineInfo;
import dev.berth.docker.internal.engine.EnginePlugins;
import dev.berth.docker.internal.engine.VolumeInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A fake node's engine calls of its own (the engine, images, containers, archives, volumes; the Swarm's calls are
 * {@link FakeNode}'s). Each goes through {@link NodeCalls} and answers as the real adapter does, with its operation
 * names, and with the engine answers the adapter takes as done (starting a running container, stopping a stopped
 * one, signalling one that is not running, removing what is gone) done.
 */
abstract class NodeEngine implements Engine {
    final FakeSwarm swarm;
    final int number;
    final FakeImages images = new FakeImages();
    final FakeVolumes volumes = new FakeVolumes();
    final FakeContainers containers;
    final Faults faults = new Faults();
    final NodeCalls calls;
    final EngineJson json = new EngineJson();
    final FakePlugins plugins = new FakePlugins(this);
    final Map<String, String> labels = new ConcurrentHashMap<>();
    final List<FakeNode.Exec> execs = Collections.synchronizedList(new ArrayList<>());
    volatile Function<List<String>, ExecResult> execScript = command -> new ExecResult(0, "", "");
    private volatile boolean up = true;

    NodeEngine(FakeSwarm swarm, int number) {
        this.swarm = swarm;
        this.number = number;
        this.containers = new FakeContainers(swarm, images, volumes);
        this.calls = new NodeCalls(swarm, this);
    }

    /** Its Swarm node id, {@code node-<n>}. */
    public String id() {
        return "node-" + number;
    }

    public String hostname() {
        return "host-" + number;
    }

    public boolean isUp() {
        return up;
    }

    void setUp(boolean up) {
        this.up = up;
    }

    public boolean isManager() {
        return swarm.isSwarm() && number == 1;
    }

    public Faults faults() {
        return faults;
    }

    @Override
    public String endpoint() {
        return "fake://" + id();
    }

    @Override
    public void ping() {
        calls.run("ping", "answer a ping", () -> { });
    }

    @Override
    public EngineInfo info() {
        return calls.call("info", "describe itself", () -> new EngineInfo(Ids.engineId(number), hostname(),
                swarm.isSwarm(), isManager(), swarm.isSwarm() ? id() : null, volumes.drivers(), swarm.clock()));
    }

    @Override
    public EnginePlugins plugins() {
        return plugins;
    }

    @Override
    public Optional<JsonNode> getJson(String path) {
        return calls.call("getJson", "answer GET " + path, () -> json.get(path, volumes, containers));
    }

    @Override
    public Optional<String> imageId(String image) {
        return calls.call("imageId", "inspect image " + image, () -> images.id(image));
    }

    @Override
    public void pull(String image, Duration deadline) {
        calls.run("pull", "pull image " + image, () -> {
            if (!swarm.inRegistry(image)) {
                throw Refusal.notFound("manifest for " + image + " not found: manifest unknown: manifest unknown");
            }
            images.add(image);
        });
    }

    @Override
    public String createContainer(ContainerDefinition definition) {
        return calls.call("createContainer", "create container " + definition.name(),
                () -> containers.create(definition, null).id);
    }

    @Override
    public void startContainer(String id) {
        calls.run("startContainer", "start container " + id, () -> containers.start(id));
    }

    @Override
    public void stopContainer(String id, Duration timeout) {
        calls.run("stopContainer", "stop container " + id, () -> containers.stop(id));
    }

    @Override
    public void updateRestartPolicy(String id, dev.berth.RestartPolicy policy) {
        calls.run("updateRestartPolicy", "change the restart policy of container " + id, () -> {
            FakeContainer c = containers.require(id);
            c.definition = c.definition.withRestartPolicy(policy);
        });
    }

    @Override
    public void killContainer(String id, String signal) {
        calls.run("killContainer", "send " + signal + " to container " + id, () -> containers.kill(id, signal));
    }

    @Override
    public void pauseContainer(String id) {
        calls.run("pauseContainer", "pause container " + id, () -> containers.pause(id));
    }

    @Override
    public void unpauseContainer(String id) {
        calls.run("unpauseContainer", "unpause container " + id, () -> containers.unpause(id));
    }

    @Override
    public void removeContainer(String id) {
        calls.run("removeContainer", "remove container " + id, () -> containers.remove(id));
    }

    @Override
    public Optional<ContainerInfo> inspectContainer(String idOrName) {
        return calls.call("inspectContainer", "inspect container " + idOrName, () -> containers.inspect(idOrName));
    }

    @Override
    public List<ContainerInfo> listContainers(ContainerQuery query) {
        return calls.call("listContainers", "list containers", () -> containers.list(query));
    }

    /** The script runs without the lock, after the container was found running; its time is held to the deadline. */
    @Override
    public ExecResult exec(String id, List<String> command, Duration deadline) {
        return calls.call("exec", "run a command in container " + id, () -> {
            if (command.isEmpty()) {
                throw Refusal.invalid("No exec command specified");
            }
            return containers.requireRunning(id).id;
        }, (containerId, plan) -> {
            execs.add(new FakeNode.Exec(containerId, List.copyOf(command)));
            long start = System.nanoTime();
            ExecResult result = execScript.apply(List.copyOf(command));
            if (System.nanoTime() - start > deadline.toNanos()) {
                throw new Refusal(Reason.TIMED_OUT, 0, "SocketTimeoutException: the command " + command.get(0)
                        + " did not finish within " + deadline.toSeconds() + " s");
            }
            return result;
        });
    }

    @Override
    public String logs(String id, Duration deadline) {
        return calls.call("logs", "read the logs of container " + id, () -> containers.require(id).logs.toString());
    }

    @Override
    public long awaitExit(String id, Duration deadline) {
        return calls.call("awaitExit", "wait for container " + id + " to exit", () -> {
            FakeContainer c = containers.require(id);
            long until = System.nanoTime() + deadline.toNanos();
            while (!c.stopped()) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    throw new Refusal(Reason.FAILED, 0, "DockerClientException: Awaiting status code timeout.");
                }
                try {
                    swarm.awaitChange(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BerthException("Interrupted while waiting for container " + id + " to exit");
                }
                if (!isUp()) {
                    throw new Refusal(Reason.UNREACHABLE, 0, "Connection reset: " + id() + " went down");
                }
            }
            return c.exitCode;
        });
    }

    @Override
    public InputStream download(String id, String path) {
        return calls.call("download", "read " + path + " of container " + id,
                () -> FakeArchives.download(containers.require(id), path, volumes, swarm.start()),
                (tar, plan) -> plan.stream(tar));
    }

    /** The body is written without the lock, after the target was checked; the tar is then extracted under it. */
    @Override
    public void upload(String id, String path, ArchiveBody body) {
        calls.call("upload", "write into " + path + " of container " + id, () -> {
            FakeArchives.checkTarget(containers.require(id), path, volumes);
            return id;
        }, (checked, plan) -> {
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            try {
                body.writeTo(tar);
            } catch (IOException e) {
                throw new Refusal(Reason.UNREACHABLE, 0, "IOException: " + e.getMessage());
            }
            swarm.change(() -> FakeArchives.upload(containers.require(id), path, tar.toByteArray(), volumes));
            return null;
        });
    }

    @Override
    public void createVolume(String name, String driver, Map<String, String> options, Map<String, String> more) {
        calls.run("createVolume", "create volume " + name, () -> volumes.create(name, driver, options, more));
    }

    @Override
    public Optional<VolumeInfo> inspectVolume(String name) {
        return calls.call("inspectVolume", "inspect volume " + name, () -> volumes.inspect(name));
    }

    @Override
    public List<VolumeInfo> listVolumes(Map<String, String> volumeLabels) {
        return calls.call("listVolumes", "list volumes", () -> volumes.list(volumeLabels));
    }

    @Override
    public void removeVolume(String name) {
        calls.run("removeVolume", "remove volume " + name, () -> volumes.remove(name, containers.using(name)));
    }

    /** Nothing to release; the node answers on. */
    @Override
    public void close() {
    }
}
