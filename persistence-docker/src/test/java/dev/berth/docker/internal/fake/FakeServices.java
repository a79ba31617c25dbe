package dev.berth.docker.internal.fake;

import dev.berth.docker.internal.engine.ServiceDefinition;
import dev.berth.docker.internal.engine.ServiceInfo;
import dev.berth.docker.internal.engine.TaskInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The services a Swarm keeps and their tasks, ended ones included up to Swarm's default history of 5 tasks a slot
 * (the containers of tasks let go are removed): what the manager's service calls read and change. Versions come from one index for the whole Swarm, as Raft's do: each change of any service (or node)
 * moves it on, so a service's next version is higher than its last, not always by one.
 */
final class FakeServices {
    /** One service: its definition, the version an update must name, and its slots that ended for good. */
    static final class Service {
        final String id;
        ServiceDefinition definition;
        long version;
        final Set<Integer> settledSlots = new HashSet<>();

        Service(String id, ServiceDefinition definition, long version) {
            this.id = id;
            this.definition = definition;
            this.version = version;
        }

        ServiceInfo info() {
            return new ServiceInfo(id, version, definition);
        }
    }

    private static final int TASK_HISTORY = 5;

    private final FakeSwarm swarm;
    private final Map<String, Service> byId = new LinkedHashMap<>();
    private final List<FakeTask> tasks = new ArrayList<>();
    private long index = 10;

    FakeServices(FakeSwarm swarm) {
        this.swarm = swarm;
    }

    String create(ServiceDefinition d) {
        if (byName(d.name()) != null) {
            throw Refusal.conflict("rpc error: code = AlreadyExists desc = name conflicts with an existing object: "
                    + "service " + d.name() + " already exists");
        }
        Service s = new Service(swarm.ids().swarmObject("service"), d, nextIndex());
        byId.put(s.id, s);
        return s.id;
    }

    void update(String id, long version, ServiceDefinition d) {
        Service s = byId.get(id);
        if (s == null) {
            throw Refusal.notFound("service " + id + " not found");
        }
        if (version != s.version) {
            throw Refusal.conflict("rpc error: code = Unknown desc = update out of sequence");
        }
        if (!d.name().equals(s.definition.name())) {
            throw Refusal.invalid("rpc error: code = Unimplemented desc = renaming services is not supported");
        }
        if (!template(d).equals(template(s.definition)) || d.replicas() != s.definition.replicas()) {
            s.settledSlots.clear();
        }
        s.definition = d;
        s.version = nextIndex();
    }

    /** Removes it and its tasks; their containers go when the Swarm next reconciles. */
    void remove(String id) {
        if (byId.remove(id) != null) {
            tasks.removeIf(t -> t.serviceId.equals(id));
        }
    }

    Optional<ServiceInfo> find(String name) {
        return Optional.ofNullable(byName(name)).map(Service::info);
    }

    List<ServiceInfo> list(Map<String, String> labels) {
        return byId.values().stream().filter(s -> s.definition.labels().entrySet().containsAll(labels.entrySet()))
                .map(Service::info).toList();
    }

    List<TaskInfo> taskInfos(String serviceId) {
        return tasks.stream().filter(t -> t.serviceId.equals(serviceId)).map(FakeTask::info).toList();
    }

    private @Nullable Service byName(String name) {
        return byId.values().stream().filter(s -> s.definition.name().equals(name)).findFirst().orElse(null);
    }

    List<Service> all() {
        return new ArrayList<>(byId.values());
    }

    List<FakeTask> tasks() {
        return new ArrayList<>(tasks);
    }

    int highestSlot(String serviceId) {
        return tasks.stream().filter(t -> t.serviceId.equals(serviceId)).mapToInt(t -> t.slot).max().orElse(0);
    }

    /** The slot's newest task that Swarm still wants running. */
    @Nullable FakeTask current(String serviceId, int slot) {
        FakeTask current = null;
        for (FakeTask t : tasks) {
            if (t.serviceId.equals(serviceId) && t.slot == slot && t.desired == TaskInfo.State.RUNNING) {
                current = t;
            }
        }
        return current;
    }

    /** A new task for the slot; of the slot's ended tasks, the oldest go beyond Swarm's history of 5 per slot. */
    FakeTask newTask(Service s, int slot) {
        FakeTask t = new FakeTask(swarm.ids().swarmObject("task"), s.id, slot, template(s.definition), swarm.tick());
        tasks.add(t);
        List<FakeTask> ofSlot = tasks.stream().filter(x -> x.serviceId.equals(s.id) && x.slot == slot).toList();
        for (int i = 0; i < ofSlot.size() - TASK_HISTORY; i++) {
            FakeTask old = ofSlot.get(i);
            if (old.desired != TaskInfo.State.RUNNING && old.state.ended()) {
                tasks.remove(old);
            }
        }
        return t;
    }

    long nextIndex() {
        return ++index;
    }

    /** What Swarm's task template holds: all but the service's name, labels and replicas. A change replaces tasks. */
    static ServiceDefinition template(ServiceDefinition d) {
        return new ServiceDefinition("", Map.of(), d.image(), d.containerLabels(), d.env(), d.args(), d.user(),
                d.mounts(), d.stopGracePeriod(), d.constraints(), d.restartCondition(), d.restartDelay(), 0, d.ports(),
                d.forceUpdate());
    }
}
