package dev.berth.docker.internal.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of the Engine API's {@code POST /containers/create} for a {@link ContainerDefinition}. Berth sends it
 * itself, not through docker-java, whose every command is logged whole at DEBUG, environment (and so secrets)
 * included.
 */
final class ContainerCreateJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContainerCreateJson() {
    }

    static String of(ContainerDefinition d) {
        ObjectNode body = JSON.createObjectNode();
        body.put("Image", d.image());
        ObjectNode labels = body.putObject("Labels");
        d.labels().forEach(labels::put);
        ArrayNode env = body.putArray("Env");
        d.env().forEach(env::add);
        if (!d.entrypoint().isEmpty()) {
            ArrayNode entrypoint = body.putArray("Entrypoint");
            d.entrypoint().forEach(entrypoint::add);
            ArrayNode cmd = body.putArray("Cmd"); // an empty one clears the image's
            d.command().forEach(cmd::add);
        } else if (!d.command().isEmpty()) {
            ArrayNode cmd = body.putArray("Cmd");
            d.command().forEach(cmd::add);
        }
        if (d.user() != null) {
            body.put("User", d.user());
        }
        body.put("StopTimeout", d.stopTimeoutSeconds());
        ObjectNode exposed = body.putObject("ExposedPorts");
        ObjectNode host = body.putObject("HostConfig");
        ObjectNode bindings = host.putObject("PortBindings");
        for (int port : d.ports()) {
            exposed.putObject(port + "/tcp");
            bindings.putArray(port + "/tcp").addObject().put("HostIp", "").put("HostPort", "");
        }
        ArrayNode mounts = host.putArray("Mounts");
        ObjectNode tmpfs = JSON.createObjectNode();
        for (Mount m : d.mounts()) {
            switch (m.type()) {
                case TMPFS -> tmpfs.put(m.target(), "");
                case VOLUME -> mounts.addObject().put("Type", "volume").put("Source", m.source())
                        .put("Target", m.target()).put("ReadOnly", m.readOnly())
                        .putObject("VolumeOptions").put("NoCopy", false);
                case BIND -> mounts.addObject().put("Type", "bind").put("Source", m.source())
                        .put("Target", m.target()).put("ReadOnly", m.readOnly());
                case SECRET -> throw new IllegalArgumentException("Swarm secrets are for services: " + m.source());
            }
        }
        if (!tmpfs.isEmpty()) {
            host.set("Tmpfs", tmpfs);
        }
        host.putObject("RestartPolicy").put("Name", restartPolicy(d.restartPolicy())).put("MaximumRetryCount", 0);
        if (d.networkMode() != null) {
            host.put("NetworkMode", d.networkMode());
        }
        return body.toString();
    }

    /** The engine's name of a restart policy. */
    static String restartPolicy(dev.berth.RestartPolicy policy) {
        return switch (policy) {
            case NO -> "no";
            case ON_FAILURE -> "on-failure";
            case UNLESS_STOPPED -> "unless-stopped";
            case ALWAYS -> "always";
        };
    }
}
