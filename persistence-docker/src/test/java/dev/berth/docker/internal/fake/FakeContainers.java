package dev.berth.docker.internal.fake;

import dev.berth.RestartPolicy;
import dev.berth.docker.internal.engine.ContainerDefinition;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.ContainerQuery;
import dev.berth.docker.internal.engine.Mount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The containers of one engine and what each container call does to them, as dockerd does it: names unique per
 * engine, named volumes created on first mount, host ports given at each start, and the engine's restart policies: a
 * container that exits on its own and whose policy says so is {@code restarting}, and runs again once the swarm's
 * clock has passed {@link #RESTART_BACKOFF}; a user's stop or kill is final.
 */
final class FakeContainers {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    /** How long the engine waits before it starts again a container that exited on its own. */
    static final Duration RESTART_BACKOFF = Duration.ofMillis(100);

    private final FakeSwarm swarm;
    private final FakeImages images;
    private final FakeVolumes volumes;
    private final Map<String, FakeContainer> byId = new LinkedHashMap<>();
    private int nextHostPort = 32768;

    FakeContainers(FakeSwarm swarm, FakeImages images, FakeVolumes volumes) {
        this.swarm = swarm;
        this.images = images;
        this.volumes = volumes;
    }

    FakeContainer create(ContainerDefinition d, @Nullable String taskId) {
        String name = d.name().isEmpty() ? "fake_" + swarm.ids().hex64("name").substring(0, 8)
                : d.name().replaceFirst("^/", "");
        if (!NAME.matcher(name).matches()) {
            throw Refusal.invalid("Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        if (images.id(d.image()).isEmpty()) {
            throw Refusal.notFound("No such image: " + d.image());
        }
        FakeContainer holder = byName(name);
        if (holder != null) {
            throw Refusal.conflict("Conflict. The container name \"/" + name + "\" is already in use by container \""
                    + holder.id + "\". You have to remove (or rename) that container to be able to reuse that name.");
        }
        Set<String> targets = new HashSet<>();
        List<Mount> mounts = new ArrayList<>();
        List<String> anonymous = new ArrayList<>();
        for (Mount m : d.mounts()) {
            if (!targets.add(FakeArchives.normalize(m.target()))) {
                throw Refusal.invalid("Duplicate mount point: " + m.target());
            }
            if (m.type() == Mount.Type.VOLUME) {
                boolean unnamed = m.source().isEmpty();
                String volume = unnamed ? swarm.ids().hex64("volume") : m.source();
                volumes.mounted(volume, unnamed);
                if (unnamed) {
                    anonymous.add(volume);
                }
                mounts.add(Mount.volume(volume, m.target(), m.readOnly()));
            } else {
                mounts.add(m);
            }
        }
        FakeContainer c = new FakeContainer(swarm.ids().hex64("container"), name, d, mounts, anonymous, swarm.clock(),
                taskId);
        byId.put(c.id, c);
        return c;
    }

    /** Starts it; one already running is done (the engine's 304). */
    void start(String idOrName) {
        FakeContainer c = require(idOrName);
        if (c.paused()) {
            throw Refusal.conflict("cannot start a paused container, try unpause instead");
        }
        if (!c.running()) {
            run(c);
            HelperScripts.of(c).ifPresent(script -> {
                HelperScripts.run(script, c, volumes);
                exit(c, 0, false);
            });
        }
    }

    /** Stops it, or keeps one that is restarting from running again; one stopped or gone is done. */
    void stop(String idOrName) {
        FakeContainer c = find(idOrName);
        if (c != null && (!c.stopped() || c.restarting())) {
            exit(c, c.restarting() ? c.exitCode : 0, true);
        }
    }

    /** A signal that ends a process ends it with 128 + its number; to one not running, nothing is sent. */
    void kill(String idOrName, String signal) {
        FakeContainer c = require(idOrName);
        int number = Signals.number(signal);
        if ((!c.stopped() || c.restarting()) && Signals.ends(number)) {
            exit(c, c.restarting() ? c.exitCode : 128 + number, true);
        }
    }

    void pause(String idOrName) {
        FakeContainer c = require(idOrName);
        if (c.paused()) {
            throw Refusal.conflict("Container " + c.id + " is already paused");
        }
        requireRunning(c);
        c.state = "paused";
    }

    void unpause(String idOrName) {
        FakeContainer c = require(idOrName);
        if (!c.paused()) {
            throw Refusal.conflict("Container " + c.id + " is not paused");
        }
        c.state = "running";
    }

    /** Removes it in any state (a running one is killed first) with its anonymous volumes; one gone is done. */
    void remove(String idOrName) {
        FakeContainer c = find(idOrName);
        if (c == null) {
            return;
        }
        if (!c.stopped()) {
            c.state = "exited";
            c.exitCode = 137;
            c.hostPorts = Map.of();
        }
        byId.remove(c.id);
        c.anonymousVolumes.forEach(volumes::forget);
    }

    Optional<ContainerInfo> inspect(String idOrName) {
        return Optional.ofNullable(find(idOrName)).map(FakeContainer::inspected);
    }

    /** Newest first, as the engine lists them. */
    List<ContainerInfo> list(ContainerQuery query) {
        List<ContainerInfo> found = new ArrayList<>();
        for (FakeContainer c : byId.values()) {
            if (c.definition.labels().entrySet().containsAll(query.labels().entrySet())
                    && query.volume().map(c::mountsVolume).orElse(true)) {
                found.add(0, c.listed());
            }
        }
        return found;
    }

    /** The container an exec may run in. */
    FakeContainer requireRunning(String idOrName) {
        FakeContainer c = require(idOrName);
        if (c.paused()) {
            throw Refusal.conflict("Container " + c.id + " is paused, unpause the container before exec");
        }
        return requireRunning(c);
    }

    private static FakeContainer requireRunning(FakeContainer c) {
        if (c.restarting()) {
            throw Refusal.conflict("Container " + c.id + " is restarting, wait until the container is running");
        }
        if (!c.running()) {
            throw Refusal.notRunning(c.id);
        }
        return c;
    }

    /** By id, by name, then by a prefix of one id, as the engine resolves them. */
    @Nullable FakeContainer find(String idOrName) {
        FakeContainer c = byId.get(idOrName);
        if (c != null) {
            return c;
        }
        c = byName(idOrName.replaceFirst("^/", ""));
        if (c != null || idOrName.length() < 4) {
            return c;
        }
        List<FakeContainer> prefixed = byId.values().stream().filter(x -> x.id.startsWith(idOrName)).toList();
        return prefixed.size() == 1 ? prefixed.get(0) : null;
    }

    FakeContainer require(String idOrName) {
        FakeContainer c = find(idOrName);
        if (c == null) {
            throw Refusal.noSuchContainer(idOrName);
        }
        return c;
    }

    private @Nullable FakeContainer byName(String name) {
        return byId.values().stream().filter(c -> c.name.equals(name)).findFirst().orElse(null);
    }

    List<String> using(String volume) {
        return byId.values().stream().filter(c -> c.mountsVolume(volume)).map(c -> c.id).toList();
    }

    List<FakeContainer> all() {
        return new ArrayList<>(byId.values());
    }

    void run(FakeContainer c) {
        c.restartAt = null;
        c.state = "running";
        c.exitCode = 0;
        c.stoppedByUser = false;
        c.startedBefore = true;
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        c.definition.ports().forEach(p -> ports.put(p, nextHostPort++));
        c.hostPorts = ports;
    }

    /** Its process ended; the engine will start it again when its policy says so and the user did not end it. */
    void exit(FakeContainer c, long code, boolean byUser) {
        c.state = "exited";
        c.exitCode = code;
        c.hostPorts = Map.of();
        c.stoppedByUser = byUser;
        c.restartAt = null;
        RestartPolicy policy = c.definition.restartPolicy();
        boolean again = policy == RestartPolicy.ALWAYS || policy == RestartPolicy.UNLESS_STOPPED
                || policy == RestartPolicy.ON_FAILURE && code != 0;
        if (!byUser && again) {
            c.state = "restarting";
            c.restartAt = swarm.clock().plus(RESTART_BACKOFF);
        }
    }

    /** The engine starts again what is restarting and has waited long enough. */
    void resumeRestarts(Instant now) {
        byId.values().stream().filter(c -> c.restarting() && !now.isBefore(c.restartAt)).forEach(this::run);
    }

    /** dockerd stopped and started: every container stopped, then those its policy brings back started again. */
    void restartEngine() {
        for (FakeContainer c : byId.values()) {
            if (!c.stopped()) {
                c.exitCode = 0;
            }
            if (!c.stopped() || c.restarting()) {
                c.state = "exited";
                c.restartAt = null;
                c.hostPorts = Map.of();
            }
        }
        for (FakeContainer c : byId.values()) {
            RestartPolicy policy = c.definition.restartPolicy();
            if (c.startedBefore && (policy == RestartPolicy.ALWAYS
                    || policy == RestartPolicy.UNLESS_STOPPED && !c.stoppedByUser)) {
                run(c);
            }
        }
    }
}
