package dev.berth.docker.internal.engine;

/** A Swarm service: its id, the version an update must name, and its definition. */
public record ServiceInfo(String id, long version, ServiceDefinition spec) {
}
