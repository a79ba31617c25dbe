package dev.berth.docker.internal.fake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.ExecResult;
import dev.berth.docker.internal.engine.ContainerDefinition;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.engine.ServiceDefinition;
import dev.berth.docker.internal.engine.ServiceInfo;
import dev.berth.docker.internal.engine.SwarmNodeInfo;
import dev.berth.docker.internal.engine.TaskInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One Docker engine of a {@link FakeSwarm}, behind Berth's {@link Engine} port, with the handles a test needs around
 * it: images, scripted exec results and logs, crashes and engine restarts, volume files, node labels, its
 * {@link Faults} and the log of its calls. Its Swarm node id is {@code node-<n>}, its host name {@code host-<n>}, its
 * engine id a UUID; the Swarm's calls (services, tasks, nodes) work on the manager only, and fail as Docker's do on
 * any other node ({@code This node is not a swarm manager}). Thread-safe.
 */
public final class FakeNode extends NodeEngine {

    FakeNode(FakeSwarm swarm, int number) {
        super(swarm, number);
    }

    /** A command an exec ran, in the container it ran in. */
    public record Exec(String containerId, List<String> command) {
    }

    /** Its number in the Swarm, from 1 (the manager). */
    public int number() {
        return number;
    }

    public FakeSwarm swarm() {
        return swarm;
    }

    /** The names of the calls made to this node, in order, those that failed included. */
    public List<String> calls() {
        return calls.log();
    }

    public long callCount(String call) {
        return calls.log().stream().filter(call::equals).count();
    }

    public void clearCalls() {
        calls.clearLog();
    }

    /** Gives the engine this image, as if pulled or built; answers its id, {@code sha256:<hex>}. */
    public String addImage(String image) {
        return swarm.change(() -> images.add(image));
    }

    /** What every exec on this node answers for its command; exit 0 with no output until set. */
    public FakeNode onExec(Function<List<String>, ExecResult> script) {
        execScript = script;
        return this;
    }

    /** The commands execs ran on this node, in order. */
    public List<Exec> execs() {
        synchronized (execs) {
            return List.copyOf(execs);
        }
    }

    /** Adds to what the container's logs answer (nothing until then). */
    public FakeNode appendLogs(String idOrName, String text) {
        swarm.change(() -> {
            container(idOrName).logs.append(text);
        });
        return this;
    }

    /**
     * Its process dies behind Berth's back with exit code 137, as an OOM kill does; if its restart policy says so it
     * is {@code restarting}, and running again once the swarm's clock has moved 100 ms.
     */
    public void crash(String idOrName) {
        swarm.change(() -> {
            FakeContainer c = container(idOrName);
            if (c.stopped()) {
                throw new IllegalStateException("container " + c.name + " is " + c.state + ", it cannot crash");
            }
            containers.exit(c, 137, false);
        });
    }

    /**
     * dockerd restarts: every container stops, then those with restart policy ALWAYS, and UNLESS_STOPPED ones that
     * the user had not stopped, run again (if they ever ran). Swarm's task containers are not among them: Swarm
     * replaces their tasks.
     */
    public void restartEngine() {
        swarm.change(containers::restartEngine);
    }

    /** Creates a local volume directly, with no call. */
    public FakeNode addVolume(String name, Map<String, String> volumeLabels) {
        swarm.change(() -> volumes.create(name, "local", Map.of(), volumeLabels));
        return this;
    }

    /**
     * The files of the volume, live: paths relative to its root to contents ({@code a/b.txt}), and {@code dir/} for
     * an empty directory. A test may read and change them at any time.
     */
    public Map<String, byte[]> volumeFiles(String volume) {
        synchronized (swarm) {
            FakeVolumes.Volume v = volumes.find(volume);
            if (v == null) {
                throw new IllegalArgumentException(id() + " has no volume " + volume);
            }
            return v.files;
        }
    }

    /** Offers one more volume driver; {@code scope} is {@code local} or {@code global}. */
    public FakeNode addVolumeDriver(String driver, String scope) {
        swarm.change(() -> volumes.addDriver(driver, scope));
        return this;
    }

    /** What {@code getJson} answers for exactly this path, instead of the fake's own answer or a 404. */
    public FakeNode answerJson(String path, JsonNode answer) {
        json.answer(path, answer);
        return this;
    }

    /** Puts a label on this Swarm node, with no call. */
    public FakeNode label(String key, String value) {
        swarm.change(() -> {
            labels.put(key, value);
        });
        return this;
    }

    /** What the container was created from; for a Swarm task's, what Swarm's agent made of the service. */
    public Optional<ContainerDefinition> definition(String idOrName) {
        synchronized (swarm) {
            return Optional.ofNullable(containers.find(idOrName)).map(c -> c.definition);
        }
    }

    private FakeContainer container(String idOrName) {
        FakeContainer c = containers.find(idOrName);
        if (c == null) {
            throw new IllegalArgumentException(id() + " has no container " + idOrName);
        }
        return c;
    }

    Map<String, String> labels() {
        return Map.copyOf(labels);
    }

    FakeContainers containers() {
        return containers;
    }

    FakeImages images() {
        return images;
    }

    private void requireManager() {
        if (!isManager()) {
            throw Refusal.notManager();
        }
    }

    @Override
    public List<SwarmNodeInfo> swarmNodes() {
        return calls.call("swarmNodes", "list the Swarm's nodes", () -> {
            requireManager();
            return swarm.nodeInfos();
        });
    }

    @Override
    public void labelNode(String nodeId, Map<String, String> more) {
        calls.run("labelNode", "label node " + nodeId, () -> {
            requireManager();
            swarm.nodeById(nodeId).orElseThrow(() -> Refusal.notFound("no such node")).labels.putAll(more);
            swarm.services().nextIndex();
        });
    }

    @Override
    public String createService(ServiceDefinition definition) {
        return calls.call("createService", "create service " + definition.name(), () -> {
            requireManager();
            return swarm.services().create(definition);
        });
    }

    @Override
    public void updateService(String id, long version, ServiceDefinition definition) {
        calls.run("updateService", "update service " + definition.name(), () -> {
            requireManager();
            swarm.services().update(id, version, definition);
        });
    }

    @Override
    public void createSecret(String name, byte[] data, Map<String, String> labels) {
        calls.run("createSecret", "create secret " + name, () -> {
            requireManager();
            swarm.secrets().create(name, data, labels);
        });
    }

    @Override
    public List<String> secretNames(Map<String, String> labels) {
        return calls.call("secretNames", "list secrets", () -> {
            requireManager();
            return swarm.secrets().names(labels);
        });
    }

    @Override
    public void removeSecret(String name) {
        calls.run("removeSecret", "remove secret " + name, () -> {
            requireManager();
            swarm.secrets().remove(name);
        });
    }

    @Override
    public String createConfig(String name, byte[] data, Map<String, String> labels) {
        return calls.call("createConfig", "create config " + name, () -> {
            requireManager();
            return swarm.configs().create(swarm.ids().swarmObject("config"), name, labels, swarm.clock());
        });
    }

    @Override
    public List<dev.berth.docker.internal.engine.ConfigInfo> configs(Map<String, String> labels) {
        return calls.call("configs", "list configs", () -> {
            requireManager();
            return swarm.configs().withLabels(labels);
        });
    }

    @Override
    public void removeConfig(String id) {
        calls.run("removeConfig", "remove config " + id, () -> {
            requireManager();
            swarm.configs().remove(id);
        });
    }

    @Override
    public void removeService(String id) {
        calls.run("removeService", "remove service " + id, () -> {
            requireManager();
            swarm.services().remove(id);
        });
    }

    @Override
    public Optional<ServiceInfo> findService(String name) {
        return calls.call("findService", "find service " + name, () -> {
            requireManager();
            return swarm.services().find(name);
        });
    }

    @Override
    public List<ServiceInfo> listServices(Map<String, String> serviceLabels) {
        return calls.call("listServices", "list services", () -> {
            requireManager();
            return swarm.services().list(serviceLabels);
        });
    }

    @Override
    public List<TaskInfo> tasks(String serviceId) {
        return calls.call("tasks", "list the tasks of service " + serviceId, () -> {
            requireManager();
            return swarm.services().taskInfos(serviceId);
        });
    }
}
