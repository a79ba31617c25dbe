package dev.berth.docker.internal.engine;

import static dev.berth.docker.internal.engine.Idempotence.Kind.IDEMPOTENT;
import static dev.berth.docker.internal.engine.Idempotence.Kind.ONCE;
import static dev.berth.docker.internal.engine.Idempotence.Kind.SETTLED;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.ExecResult;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one port to a Docker engine: every other part of Berth talks to an engine through this, in Berth's own records.
 * Every failure is an {@link dev.berth.EngineCallException} (or another {@link dev.berth.BerthException}); no type of
 * the Docker client behind it ever leaks. Each call says with {@link Idempotence} whether it may be repeated.
 * Implementations: {@link DockerJavaEngine} (a real engine), {@link ResilientEngine} (retries, settling, a circuit
 * breaker around another), and the fake engine of the unit tests. Thread-safe.
 */
public interface Engine extends AutoCloseable {

    /** Where it answers, such as {@code unix:///var/run/docker.sock}. */
    String endpoint();

    /** The host that published ports are reachable on. */
    default String publishedHost() {
        URI uri = URI.create(endpoint());
        String host = uri.getHost();
        return "tcp".equals(uri.getScheme()) && host != null ? host : "localhost";
    }

    // --- the engine and its Swarm ---

    @Idempotence(IDEMPOTENT)
    void ping();

    @Idempotence(IDEMPOTENT)
    EngineInfo info();

    @Idempotence(IDEMPOTENT)
    List<SwarmNodeInfo> swarmNodes();

    /** Adds (or replaces) labels on a Swarm node, keeping its others. */
    @Idempotence(IDEMPOTENT)
    void labelNode(String nodeId, Map<String, String> labels);

    /** The engine's managed plugins; each call of it is treated as its own javadoc says. */
    @Idempotence(IDEMPOTENT)
    EnginePlugins plugins();

    /** A GET of a raw Engine API path, for what has no call of its own here; empty on 404. */
    @Idempotence(IDEMPOTENT)
    Optional<JsonNode> getJson(String path);

    // --- images ---

    /** The id of the image when the engine has it. */
    @Idempotence(IDEMPOTENT)
    Optional<String> imageId(String image);

    @Idempotence(IDEMPOTENT)
    void pull(String image, Duration deadline);

    // --- containers ---

    /** Creates a container and returns its id; a name another container holds is a CONFLICT. */
    @Idempotence(SETTLED)
    String createContainer(ContainerDefinition definition);

    @Idempotence(SETTLED)
    void startContainer(String id);

    /** Stops it (SIGKILL after {@code timeout}); one already stopped or gone is done. */
    @Idempotence(IDEMPOTENT)
    void stopContainer(String id, Duration timeout);

    /** Sets the policy by which the engine restarts the container (after an exit, or its own restart). */
    @Idempotence(IDEMPOTENT)
    void updateRestartPolicy(String id, dev.berth.RestartPolicy policy);

    /** Sends a signal; to a container that is not running, nothing is sent and that is done. */
    @Idempotence(IDEMPOTENT)
    void killContainer(String id, String signal);

    @Idempotence(SETTLED)
    void pauseContainer(String id);

    @Idempotence(SETTLED)
    void unpauseContainer(String id);

    /** Removes it in any state, with its anonymous volumes (never a named one); one that is gone is done. */
    @Idempotence(IDEMPOTENT)
    void removeContainer(String id);

    /** By id or by name. */
    @Idempotence(IDEMPOTENT)
    Optional<ContainerInfo> inspectContainer(String idOrName);

    /** Containers in any state that match the query. */
    @Idempotence(IDEMPOTENT)
    List<ContainerInfo> listContainers(ContainerQuery query);

    /** Runs a command in a running container and waits for it, at most until {@code deadline} has passed. */
    @Idempotence(ONCE)
    ExecResult exec(String id, List<String> command, Duration deadline);

    /** Its stdout and stderr interleaved, as {@code docker logs} shows them, read within {@code deadline}. */
    @Idempotence(IDEMPOTENT)
    String logs(String id, Duration deadline);

    /** Waits until it exits, at most {@code deadline}; returns its exit code. */
    @Idempotence(IDEMPOTENT)
    long awaitExit(String id, Duration deadline);

    /** The tar of {@code path} in the container; the caller closes it. A stalled stream fails by its read timeout. */
    @Idempotence(IDEMPOTENT)
    InputStream download(String id, String path);

    /** Extracts the tar that {@code body} writes into {@code path} of the container; {@code body} may be asked again. */
    @Idempotence(IDEMPOTENT)
    void upload(String id, String path, ArchiveBody body);

    // --- Swarm services ---

    /** Creates a service and returns its id; a name another service holds is a CONFLICT. */
    @Idempotence(SETTLED)
    String createService(ServiceDefinition definition);

    /** Replaces the service's definition; a {@code version} that is no longer current is a CONFLICT. */
    @Idempotence(SETTLED)
    void updateService(String id, long version, ServiceDefinition definition);

    /**
     * Creates a Swarm secret. Its name must say its content (Berth's names hold a keyed hash of the value), so that
     * one of that name already there is the same secret and counts as done. The value travels in the raw API only,
     * never through a client that logs its commands.
     */
    @Idempotence(IDEMPOTENT)
    void createSecret(String name, byte[] data, Map<String, String> labels);

    /** The names of the Swarm secrets that carry all these labels. */
    @Idempotence(IDEMPOTENT)
    List<String> secretNames(Map<String, String> labels);

    /** Removes a Swarm secret by name; one that is gone is done, one a service still uses is a CONFLICT. */
    @Idempotence(IDEMPOTENT)
    void removeSecret(String name);

    /** Removes it and its tasks; one that is gone is done. */
    @Idempotence(IDEMPOTENT)
    void removeService(String id);

    /**
     * Creates a Swarm config in the manager's replicated store and returns its id; a name another config holds is a
     * CONFLICT, so of any number of callers on any nodes exactly one gets a name.
     */
    @Idempotence(SETTLED)
    String createConfig(String name, byte[] data, Map<String, String> labels);

    /** The Swarm configs that carry all these labels. */
    @Idempotence(IDEMPOTENT)
    List<ConfigInfo> configs(Map<String, String> labels);

    /** Removes a Swarm config by id; one that is gone is done. */
    @Idempotence(IDEMPOTENT)
    void removeConfig(String id);

    /** The service of exactly this name. */
    @Idempotence(IDEMPOTENT)
    Optional<ServiceInfo> findService(String name);

    /** The services that carry all these labels. */
    @Idempotence(IDEMPOTENT)
    List<ServiceInfo> listServices(Map<String, String> labels);

    /** Every task of the service Swarm still keeps, ended ones included. */
    @Idempotence(IDEMPOTENT)
    List<TaskInfo> tasks(String serviceId);

    // --- volumes ---

    /** Creates a volume; one of that name already there is left as it is (compare it with {@link #inspectVolume}). */
    @Idempotence(IDEMPOTENT)
    void createVolume(String name, String driver, Map<String, String> options, Map<String, String> labels);

    @Idempotence(IDEMPOTENT)
    Optional<VolumeInfo> inspectVolume(String name);

    /** The volumes that carry all these labels. */
    @Idempotence(IDEMPOTENT)
    List<VolumeInfo> listVolumes(Map<String, String> labels);

    /** Removes it; one that is gone is done, one in use is a CONFLICT. */
    @Idempotence(IDEMPOTENT)
    void removeVolume(String name);

    @Override
    void close();
}
