package dev.berth.docker.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.berth.EngineCallException.Reason;
import dev.berth.ExecResult;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real engine through docker-java, at the API version agreed with it. One attempt per call, each bounded by the
 * connection's timeouts or an explicit deadline; every failure leaves as a Berth exception ({@link EngineFailures}).
 * Retrying and settling are {@link ResilientEngine}'s.
 */
final class DockerJavaEngine implements Engine {
    private final DockerClient client;
    private final ArchiveTransport archives;
    private final DockerJavaCalls calls;
    private final DockerJavaSwarm swarm;
    private final DockerJavaVolumes volumes;
    private final RawEngineApi raw;
    private final SwarmConfigs configs;
    private final EnginePlugins plugins;

    DockerJavaEngine(String endpoint, DockerClient client, DockerHttpClient http, ApiVersion version,
            ArchiveTransport archives) {
        this.client = client;
        this.archives = archives;
        this.calls = new DockerJavaCalls(endpoint);
        this.swarm = new DockerJavaSwarm(client, calls);
        this.raw = new RawEngineApi(http, version, endpoint);
        this.volumes = new DockerJavaVolumes(client, calls, raw::get);
        this.configs = new SwarmConfigs(raw);
        this.plugins = new RawEnginePlugins(raw, archives);
    }

    @Override
    public String endpoint() {
        return calls.endpoint();
    }

    @Override
    public void ping() {
        calls.run("answer a ping", () -> client.pingCmd().exec());
    }

    @Override
    public EngineInfo info() {
        return calls.call("describe itself", () -> DockerJavaModels.info(client.infoCmd().exec()));
    }

    @Override
    public List<SwarmNodeInfo> swarmNodes() {
        return swarm.nodes();
    }

    @Override
    public void labelNode(String nodeId, Map<String, String> labels) {
        swarm.labelNode(nodeId, labels);
    }

    @Override
    public EnginePlugins plugins() {
        return plugins;
    }

    @Override
    public Optional<JsonNode> getJson(String path) {
        return raw.get(path);
    }

    @Override
    public Optional<String> imageId(String image) {
        return calls.find("inspect image " + image, () -> client.inspectImageCmd(image).exec().getId());
    }

    @Override
    public void pull(String image, Duration deadline) {
        calls.run("pull image " + image, () -> DockerJavaImages.pull(client, image, deadline));
    }

    @Override
    public String createContainer(ContainerDefinition definition) {
        return raw.createContainer(definition);
    }

    @Override
    public void startContainer(String id) {
        calls.runDoneOn("start container " + id, () -> client.startContainerCmd(id).exec(), Reason.NOT_MODIFIED);
    }

    @Override
    public void stopContainer(String id, Duration timeout) {
        calls.runDoneOn("stop container " + id, () -> DockerJavaContainers.stop(client, id, timeout), Reason.NOT_FOUND,
                Reason.NOT_MODIFIED);
    }

    @Override
    public void updateRestartPolicy(String id, dev.berth.RestartPolicy policy) {
        raw.updateRestartPolicy(id, policy);
    }

    @Override
    public void killContainer(String id, String signal) {
        calls.runDoneOn("send " + signal + " to container " + id, () -> client.killContainerCmd(id).withSignal(signal).exec(),
                Reason.CONFLICT);
    }

    @Override
    public void pauseContainer(String id) {
        calls.run("pause container " + id, () -> client.pauseContainerCmd(id).exec());
    }

    @Override
    public void unpauseContainer(String id) {
        calls.run("unpause container " + id, () -> client.unpauseContainerCmd(id).exec());
    }

    @Override
    public void removeContainer(String id) {
        calls.runDoneOn("remove container " + id,
                () -> client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec(), Reason.NOT_FOUND);
    }

    @Override
    public Optional<ContainerInfo> inspectContainer(String idOrName) {
        return calls.find("inspect container " + idOrName,
                () -> DockerJavaModels.container(client.inspectContainerCmd(idOrName).exec()));
    }

    @Override
    public List<ContainerInfo> listContainers(ContainerQuery query) {
        return calls.call("list containers", () -> DockerJavaContainers.list(client, query));
    }

    @Override
    public ExecResult exec(String id, List<String> command, Duration deadline) {
        return calls.call("run a command in container " + id, () -> DockerJavaContainers.exec(client, id, command, deadline));
    }

    @Override
    public String logs(String id, Duration deadline) {
        return calls.call("read the logs of container " + id, () -> DockerJavaContainers.logs(client, id, deadline));
    }

    @Override
    public long awaitExit(String id, Duration deadline) {
        return calls.call("wait for container " + id + " to exit", () -> DockerJavaContainers.awaitExit(client, id,
                deadline));
    }

    @Override
    public InputStream download(String id, String path) {
        return archives.download(id, path);
    }

    @Override
    public void upload(String id, String path, ArchiveBody body) {
        archives.upload(id, path, body);
    }

    @Override
    public String createService(ServiceDefinition definition) {
        return swarm.createService(definition);
    }

    @Override
    public void updateService(String id, long serviceVersion, ServiceDefinition definition) {
        swarm.updateService(id, serviceVersion, definition);
    }

    @Override
    public String createConfig(String name, byte[] data, Map<String, String> labels) {
        return configs.create(name, data, labels);
    }

    @Override
    public List<ConfigInfo> configs(Map<String, String> labels) {
        return configs.list(labels);
    }

    @Override
    public void removeConfig(String id) {
        configs.remove(id);
    }

    @Override
    public void createSecret(String name, byte[] data, Map<String, String> labels) {
        swarm.createSecret(name, data, labels, raw);
    }

    @Override
    public List<String> secretNames(Map<String, String> labels) {
        return swarm.secretNames(labels);
    }

    @Override
    public void removeSecret(String name) {
        swarm.removeSecret(name);
    }

    @Override
    public void removeService(String id) {
        swarm.removeService(id);
    }

    @Override
    public Optional<ServiceInfo> findService(String name) {
        return swarm.findService(name);
    }

    @Override
    public List<ServiceInfo> listServices(Map<String, String> labels) {
        return swarm.listServices(labels);
    }

    @Override
    public List<TaskInfo> tasks(String serviceId) {
        return swarm.tasks(serviceId);
    }

    @Override
    public void createVolume(String name, String driver, Map<String, String> options, Map<String, String> labels) {
        volumes.create(name, driver, options, labels);
    }

    @Override
    public Optional<VolumeInfo> inspectVolume(String name) {
        return volumes.inspect(name);
    }

    @Override
    public List<VolumeInfo> listVolumes(Map<String, String> labels) {
        return volumes.list(labels);
    }

    @Override
    public void removeVolume(String name) {
        volumes.remove(name);
    }

    @Override
    public void close() {
        calls.close(client);
    }
}
