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
                () -> client.createServiceCmd(DockerJavaServices.spec(definition, this::secretId)).exec().getId());
    }

    void updateService(String id, long version, ServiceDefinition definition) {
        calls.run("update service " + definition.name(), () -> client.updateServiceCmd(id,
                DockerJavaServices.spec(definition, this::secretId)).withVersion(version).exec());
    }

    void createSecret(String name, byte[] data, Map<String, String> labels, RawEngineApi raw) {
        var body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        body.put("Name", name);
        body.put("Data", java.util.Base64.getEncoder().encodeToString(data));
        labels.forEach(body.putObject("Labels")::put);
        try {
            raw.post("/secrets/create", body.toString());
        } catch (dev.berth.EngineCallException e) {
            if (e.reason() != Reason.CONFLICT) { // a secret of that name holds this very content
                throw e;
            }
        }
    }

    List<String> secretNames(Map<String, String> labels) {
        return calls.call("list secrets", () -> client.listSecretsCmd().withLabelFilter(labels).exec().stream()
                .map(s -> s.getSpec().getName()).toList());
    }

    void removeSecret(String name) {
        try {
            calls.runDoneOn("remove secret " + name, () -> client.removeSecretCmd(secretId(name)).exec(),
                    Reason.NOT_FOUND);
        } catch (IllegalStateException gone) {
            // no secret of that name: removed already
        }
    }

    private String secretId(String name) {
        return client.listSecretsCmd().withNameFilter(List.of(name)).exec().stream()
                .filter(s -> name.equals(s.getSpec().getName())).map(s -> s.getId()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no secret named " + name));
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
