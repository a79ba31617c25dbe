package dev.berth.docker.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.ExecResult;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Another engine, made to hold up: {@link Idempotence.Kind#IDEMPOTENT} calls are retried on transient failures under
 * the {@link dev.berth.RetryPolicy}; {@link Idempotence.Kind#SETTLED} calls are never repeated blindly: when the
 * answer is lost, the engine's state is read ({@link Settlement}) and the call repeated only if it did not act; a
 * circuit breaker cuts an engine that timed out off for {@link #CUT_OFF}, so that a dead node costs one timeout, not
 * one per call.
 */
public final class ResilientEngine implements Engine {
    /** On what Berth creates: a value unique to the create call, by which a lost answer is settled. */
    public static final String ATTEMPT_LABEL = "dev.berth.attempt";
    static final Duration CUT_OFF = Duration.ofSeconds(10);

    private final Engine engine;
    private final Attempts attempts;
    private final SettledCalls settledCalls;

    public ResilientEngine(Engine engine, dev.berth.RetryPolicy policy) {
        this.engine = engine;
        this.attempts = new Attempts(engine.endpoint(), policy, CUT_OFF);
        this.settledCalls = new SettledCalls(engine, attempts);
    }

    private <T> T idempotent(Supplier<T> call) {
        return attempts.idempotent(call);
    }

    private void idempotent(Runnable call) {
        attempts.idempotent(() -> {
            call.run();
            return null;
        });
    }

    @Override
    public String endpoint() {
        return engine.endpoint();
    }

    @Override
    public void ping() {
        idempotent(engine::ping);
    }

    @Override
    public EngineInfo info() {
        return idempotent(engine::info);
    }

    @Override
    public List<SwarmNodeInfo> swarmNodes() {
        return idempotent(engine::swarmNodes);
    }

    @Override
    public void labelNode(String nodeId, Map<String, String> labels) {
        idempotent(() -> engine.labelNode(nodeId, labels));
    }

    @Override
    public EnginePlugins plugins() {
        return new ResilientPlugins(engine.plugins(), attempts);
    }

    @Override
    public Optional<JsonNode> getJson(String path) {
        return idempotent(() -> engine.getJson(path));
    }

    @Override
    public Optional<String> imageId(String image) {
        return idempotent(() -> engine.imageId(image));
    }

    @Override
    public void pull(String image, Duration deadline) {
        idempotent(() -> engine.pull(image, deadline));
    }

    @Override
    public String createContainer(ContainerDefinition definition) {
        return settledCalls.createContainer(definition);
    }

    @Override
    public void startContainer(String id) {
        settledCalls.startContainer(id);
    }

    @Override
    public void stopContainer(String id, Duration timeout) {
        idempotent(() -> engine.stopContainer(id, timeout));
    }

    @Override
    public void updateRestartPolicy(String id, dev.berth.RestartPolicy policy) {
        idempotent(() -> engine.updateRestartPolicy(id, policy));
    }

    @Override
    public void killContainer(String id, String signal) {
        idempotent(() -> engine.killContainer(id, signal));
    }

    @Override
    public void pauseContainer(String id) {
        settledCalls.pauseContainer(id);
    }

    @Override
    public void unpauseContainer(String id) {
        settledCalls.unpauseContainer(id);
    }

    @Override
    public void removeContainer(String id) {
        idempotent(() -> engine.removeContainer(id));
    }

    @Override
    public Optional<ContainerInfo> inspectContainer(String idOrName) {
        return idempotent(() -> engine.inspectContainer(idOrName));
    }

    @Override
    public List<ContainerInfo> listContainers(ContainerQuery query) {
        return idempotent(() -> engine.listContainers(query));
    }

    @Override
    public ExecResult exec(String id, List<String> command, Duration deadline) {
        return attempts.once(() -> engine.exec(id, command, deadline));
    }

    @Override
    public String logs(String id, Duration deadline) {
        return idempotent(() -> engine.logs(id, deadline));
    }

    @Override
    public long awaitExit(String id, Duration deadline) {
        return idempotent(() -> engine.awaitExit(id, deadline));
    }

    @Override
    public InputStream download(String id, String path) {
        return idempotent(() -> engine.download(id, path));
    }

    @Override
    public void upload(String id, String path, ArchiveBody body) {
        idempotent(() -> engine.upload(id, path, body));
    }

    @Override
    public String createService(ServiceDefinition definition) {
        return settledCalls.createService(definition);
    }

    @Override
    public void updateService(String id, long version, ServiceDefinition definition) {
        settledCalls.updateService(id, version, definition);
    }

    @Override
    public String createConfig(String name, byte[] data, Map<String, String> labels) {
        return settledCalls.createConfig(name, data, labels);
    }

    @Override
    public List<ConfigInfo> configs(Map<String, String> labels) {
        return idempotent(() -> engine.configs(labels));
    }

    @Override
    public void removeConfig(String id) {
        idempotent(() -> engine.removeConfig(id));
    }

    @Override
    public void createSecret(String name, byte[] data, Map<String, String> labels) {
        idempotent(() -> engine.createSecret(name, data, labels));
    }

    @Override
    public List<String> secretNames(Map<String, String> labels) {
        return idempotent(() -> engine.secretNames(labels));
    }

    @Override
    public void removeSecret(String name) {
        idempotent(() -> engine.removeSecret(name));
    }

    @Override
    public void removeService(String id) {
        idempotent(() -> engine.removeService(id));
    }

    @Override
    public Optional<ServiceInfo> findService(String name) {
        return idempotent(() -> engine.findService(name));
    }

    @Override
    public List<ServiceInfo> listServices(Map<String, String> labels) {
        return idempotent(() -> engine.listServices(labels));
    }

    @Override
    public List<TaskInfo> tasks(String serviceId) {
        return idempotent(() -> engine.tasks(serviceId));
    }

    @Override
    public void createVolume(String name, String driver, Map<String, String> options, Map<String, String> labels) {
        idempotent(() -> engine.createVolume(name, driver, options, labels));
    }

    @Override
    public Optional<VolumeInfo> inspectVolume(String name) {
        return idempotent(() -> engine.inspectVolume(name));
    }

    @Override
    public List<VolumeInfo> listVolumes(Map<String, String> labels) {
        return idempotent(() -> engine.listVolumes(labels));
    }

    @Override
    public void removeVolume(String name) {
        idempotent(() -> engine.removeVolume(name));
    }

    @Override
    public void close() {
        engine.close();
    }
}
