package dev.berth.docker.internal.fake;

import static dev.berth.docker.internal.fake.Definitions.service;
import static dev.berth.docker.internal.fake.FakeEngineTest.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.berth.EngineCallException.Reason;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.ContainerQuery;
import dev.berth.docker.internal.engine.ServiceDefinition.RestartCondition;
import dev.berth.docker.internal.engine.ServiceDefinition;
import dev.berth.docker.internal.engine.ServiceInfo;
import dev.berth.docker.internal.engine.SwarmNodeInfo;
import dev.berth.docker.internal.engine.TaskInfo.State;
import dev.berth.docker.internal.engine.TaskInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fake Swarm places, replaces and restarts tasks as Swarm does, and answers for its nodes. */
class FakeSwarmTest {
    private final FakeSwarm swarm = FakeSwarm.of(3);
    private final FakeNode manager = swarm.manager();
    private final FakeNode worker = swarm.node(2);

    FakeSwarmTest() {
        swarm.nodes().forEach(n -> n.addImage("postgres:16"));
    }

    @Test
    void theManagerKnowsItsNodes() {
        assertThat(manager.info().managesSwarm()).isTrue();
        assertThat(worker.info()).satisfies(i -> {
            assertThat(i.managesSwarm()).isFalse();
            assertThat(i.swarmNodeId()).isEqualTo("node-2");
            assertThat(i.id()).isNotEqualTo("node-2");
        });
        swarm.down(3);
        assertThat(manager.swarmNodes()).extracting(SwarmNodeInfo::id, SwarmNodeInfo::ready, SwarmNodeInfo::manager)
                .containsExactly(tuple("node-1", true, true),
                        tuple("node-2", true, false),
                        tuple("node-3", false, false));
        manager.labelNode("node-2", Map.of("zone", "a"));
        assertThat(manager.swarmNodes().get(1).labels()).containsEntry("zone", "a");
        refused(Reason.FAILED, () -> worker.swarmNodes()).withMessageContaining("This node is not a swarm manager");
        refused(Reason.FAILED, () -> worker.findService("db"));
    }

    @Test
    void aPinnedServiceRunsItsTaskOnItsNode() {
        ServiceDefinition d = Definitions.withContainerLabels(service("db", "postgres:16", "node.id==node-2"),
                Map.of("dev.berth.container", "db"));
        String id = manager.createService(d);
        refused(Reason.CONFLICT, () -> manager.createService(d)).withMessageContaining("already exists");
        TaskInfo task = onlyTask(id);
        assertThat(task.isRunning()).isTrue();
        ContainerInfo c = worker.inspectContainer(task.containerId()).orElseThrow();
        assertThat(c.name()).isEqualTo("db.1." + task.id());
        assertThat(c.labels()).containsEntry("dev.berth.container", "db")
                .containsEntry("com.docker.swarm.service.name", "db");
        assertThat(c.running()).isTrue();
        assertThat(manager.findService("db").orElseThrow().id()).isEqualTo(id);
        assertThat(manager.listServices(Map.of())).hasSize(1);
    }

    @Test
    void updatesNameTheCurrentVersionAndATemplateChangeReplacesTheTask() {
        String id = manager.createService(service("db", "postgres:16", "node.id==node-2"));
        ServiceInfo first = manager.findService("db").orElseThrow();
        String oldContainer = onlyTask(id).containerId();
        manager.updateService(id, first.version(), first.spec().withForceUpdate(1));
        long second = manager.findService("db").orElseThrow().version();
        assertThat(second).isGreaterThan(first.version());
        refused(Reason.CONFLICT, () -> manager.updateService(id, first.version(), first.spec()))
                .withMessageContaining("update out of sequence");
        List<TaskInfo> tasks = manager.tasks(id);
        assertThat(tasks).extracting(TaskInfo::desired, TaskInfo::state).containsExactly(
                tuple(State.SHUTDOWN, State.SHUTDOWN),
                tuple(State.RUNNING, State.RUNNING));
        assertThat(worker.inspectContainer(oldContainer).orElseThrow().state()).isEqualTo("exited");
        manager.updateService(id, second, first.spec().withForceUpdate(1).withReplicas(0));
        assertThat(manager.tasks(id)).noneMatch(TaskInfo::isRunning);
        manager.removeService(id);
        manager.removeService(id);
        assertThat(worker.listContainers(ContainerQuery.labelled(
                Map.of("com.docker.swarm.service.name", "db")))).isEmpty();
    }

    @Test
    void anExitedTaskIsReplacedAsItsRestartConditionSays() {
        ServiceDefinition any = Definitions.withRestart(service("any", "postgres:16", "node.id==node-2"),
                RestartCondition.ANY, Duration.ofSeconds(5));
        String id = manager.createService(any);
        worker.crash(onlyTask(id).containerId());
        assertThat(manager.tasks(id)).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(State.FAILED);
            assertThat(t.error()).isEqualTo("task: non-zero exit (137)");
        });
        swarm.advance(Duration.ofSeconds(5));
        assertThat(manager.tasks(id)).hasSize(2).last().matches(TaskInfo::isRunning);

        String none = manager.createService(Definitions.withRestart(service("none", "postgres:16", "node.id==node-3"),
                RestartCondition.NONE, Duration.ZERO));
        swarm.node(3).stopContainer(onlyTask(none).containerId(), Duration.ofSeconds(1));
        swarm.advance(Duration.ofMinutes(1));
        assertThat(manager.tasks(none)).singleElement().extracting(TaskInfo::state).isEqualTo(State.COMPLETE);
    }

    @Test
    void aTaskForADownNodeWaitsForIt() {
        swarm.down(2);
        String id = manager.createService(service("db", "postgres:16", "node.id==node-2"));
        assertThat(onlyTask(id)).satisfies(t -> {
            assertThat(t.state()).isEqualTo(State.PENDING);
            assertThat(t.container()).isEmpty();
            assertThat(t.error()).startsWith("no suitable node");
        });
        swarm.up(2);
        assertThat(onlyTask(id).isRunning()).isTrue();
    }

    @Test
    void aNodeThatGoesDownLosesItsTaskUntilItIsBack() {
        String id = manager.createService(service("db", "postgres:16", "node.id==node-2"));
        String first = onlyTask(id).containerId();
        swarm.down(2);
        assertThat(manager.tasks(id)).extracting(TaskInfo::desired, TaskInfo::state).containsExactly(
                tuple(State.SHUTDOWN, State.RUNNING),
                tuple(State.RUNNING, State.PENDING));
        swarm.up(2);
        assertThat(worker.inspectContainer(first).orElseThrow().state()).isEqualTo("exited");
        assertThat(manager.tasks(id).get(1).isRunning()).isTrue();
    }

    @Test
    void aNodeWithoutTheImageRejectsTheTask() {
        String id = manager.createService(service("cache", "redis:7", "node.id==node-3"));
        assertThat(onlyTask(id)).extracting(TaskInfo::state, TaskInfo::error)
                .containsExactly(State.REJECTED, "No such image: redis:7");
        swarm.registry().add("redis:7");
        swarm.reconcile();
        assertThat(manager.tasks(id)).last().matches(TaskInfo::isRunning);
    }

    @Test
    void labelConstraintsChooseTheNode() {
        swarm.node(3).label("zone", "b");
        String id = manager.createService(service("db", "postgres:16", "node.labels.zone==b"));
        assertThat(swarm.node(3).inspectContainer(onlyTask(id).containerId())).isPresent();
    }

    @Test
    void swarmActsOnlyWhenToldIfTheTestDrivesIt() {
        swarm.reconcileAutomatically(false);
        String id = manager.createService(service("db", "postgres:16", "node.id==node-2"));
        assertThat(manager.tasks(id)).isEmpty();
        swarm.reconcile();
        assertThat(onlyTask(id).isRunning()).isTrue();
    }

    @Test
    void aCrashLoopKeepsFiveTasksAndTheirContainers() {
        String id = manager.createService(service("db", "postgres:16", "node.id==node-2"));
        for (int i = 0; i < 8; i++) {
            worker.crash(manager.tasks(id).get(manager.tasks(id).size() - 1).containerId());
        }
        List<TaskInfo> tasks = manager.tasks(id);
        assertThat(tasks).hasSize(5).last().matches(TaskInfo::isRunning);
        assertThat(worker.listContainers(ContainerQuery.labelled(Map.of("com.docker.swarm.service.id", id))))
                .hasSize(5);
    }

    @Test
    void manyCallersAtOnceLeaveTheModelWhole() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                FakeNode node = swarm.node(n);
                int number = n;
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        String c = node.createContainer(Definitions.container("c" + number + "-" + i, "postgres:16"));
                        node.startContainer(c);
                        node.removeContainer(c);
                    }
                }));
            }
            work.add(threads.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    String s = manager.createService(service("s" + i, "postgres:16", "node.id==node-" + (i % 3 + 1)));
                    manager.removeService(s);
                }
            }));
            for (Future<?> f : work) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        swarm.nodes().forEach(n -> assertThat(n.listContainers(ContainerQuery.labelled(Map.of()))).isEmpty());
        assertThat(manager.listServices(Map.of())).isEmpty();
    }

    private TaskInfo onlyTask(String serviceId) {
        List<TaskInfo> tasks = manager.tasks(serviceId);
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }
}
