package dev.berth.docker.internal.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.SwarmNode;
import dev.berth.EngineCallException.Reason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Swarm's calls through docker-java: nodes, services and tasks, made through a manager. */
final class DockerJavaSwarm {
    private final DockerClient client;
    private final DockerJavaCalls calls;

    DockerJavaSwarm(DockerClient client, DockerJavaCalls calls) {
        this.client = client;
        this.calls = calls;
    }

    List<SwarmNodeInfo> nodes() {
        return calls.call("list the Swarm's nodes", () -> client.listSwarmNodesCmd().exec().stream()
                .map(DockerJavaModels::node).toList());
    }

    void labelNode(String nodeId, Map<String, String> labels) {
        String operation = "label node " + nodeId;
        calls.run(operation, () -> {
            SwarmNode node = client.listSwarmNodesCmd().withIdFilter(List.of(nodeId)).exec().stream().findFirst()
                    .orElseThrow(() -> EngineFailures.of(operation, calls.endpoint(), 404, "no such node"));
            Map<String, String> merged = new HashMap<>(DockerJavaModels.labels(node.getSpec().getLabels()));
            merged.putAll(labels);
            client.updateSwarmNodeCmd().withSwarmNodeId(nodeId).withVersion(node.getVersion().getIndex())
                    .withSwarmNodeSpec(node.getSpec().withLabels(merged)).exec();
        });
    }

    String createService(ServiceDefinition definition) {
        return calls.call("create service " + definition.name(),
                () -> client.createServiceCmd(DockerJavaServices.spec(definition)).exec().getId());
    }

    void updateService(String id, long version, ServiceDefinition definition) {
        calls.run("update service " + definition.name(), () -> client.updateServiceCmd(id,
                DockerJavaServices.spec(definition)).withVersion(version).exec());
    }

    void removeService(String id) {
        calls.runDoneOn("remove service " + id, () -> client.removeServiceCmd(id).exec(), Reason.NOT_FOUND);
    }

    Optional<ServiceInfo> findService(String name) {
        return calls.call("find service " + name, () -> client.listServicesCmd().withNameFilter(List.of(name))
                .exec().stream().map(DockerJavaServices::service).filter(s -> name.equals(s.spec().name()))
                .findFirst());
    }

    List<ServiceInfo> listServices(Map<String, String> labels) {
        return calls.call("list services", () -> client.listServicesCmd().withLabelFilter(labels).exec().stream()
                .map(DockerJavaServices::service).toList());
    }

    List<TaskInfo> tasks(String serviceId) {
        return calls.call("list the tasks of service " + serviceId, () -> client.listTasksCmd()
                .withServiceFilter(serviceId).exec().stream().map(DockerJavaModels::task)
                .filter(t -> serviceId.equals(t.serviceId())).toList());
    }
}
