package dev.berth.docker.internal.fake;

import static dev.berth.docker.internal.fake.Definitions.container;
import static dev.berth.docker.internal.fake.FakeEngineTest.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.EngineCallException.Reason;
import dev.berth.EngineCallException;
import dev.berth.RestartPolicy;
import dev.berth.docker.internal.engine.ContainerQuery;
import dev.berth.docker.internal.engine.Mount;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A node's faults shape its calls: lost answers, failures, delays, hooks, meetings and stalls; and it logs them. */
class FaultsTest {
    private final FakeSwarm swarm = FakeSwarm.single();
    private final FakeNode node = swarm.node(1);
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    FaultsTest() {
        node.addImage("postgres:16");
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aLostAnswerComesAfterTheEngineActed() {
        node.faults().loseResponse("createContainer", 1);
        refused(Reason.UNREACHABLE, () -> node.createContainer(container("db", "postgres:16")))
                .withMessageContaining("the answer was lost");
        assertThat(node.inspectContainer("db")).isPresent();
        refused(Reason.CONFLICT, () -> node.createContainer(container("db", "postgres:16")));
        assertThat(node.callCount("createContainer")).isEqualTo(2);
        assertThat(node.calls()).containsExactly("createContainer", "inspectContainer", "createContainer");
    }

    @Test
    void aFailureComesBeforeTheEngineActs() {
        String id = node.createContainer(container("db", "postgres:16"));
        node.faults().fail("startContainer", 1, Reason.BUSY);
        refused(Reason.BUSY, () -> node.startContainer(id)).withMessageContaining("device or resource busy");
        assertThat(node.inspectContainer(id).orElseThrow().state()).isEqualTo("created");
        node.startContainer(id);
        assertThat(node.inspectContainer(id).orElseThrow().running()).isTrue();
    }

    @Test
    void aDownNodeAnswersNothing() {
        swarm.down(1);
        refused(Reason.UNREACHABLE, node::ping);
        refused(Reason.UNREACHABLE, () -> node.listContainers(ContainerQuery.labelled(Map.of())));
        swarm.up(1);
        node.ping();
    }

    @Test
    void aDelayedCallHoldsNoLock() throws Exception {
        node.faults().delay("createContainer", Duration.ofMillis(500));
        Future<String> slow = threads.submit(() -> node.createContainer(container("db", "postgres:16")));
        Thread.sleep(100);
        long start = System.nanoTime();
        assertThat(node.inspectContainer("db")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
        assertThat(slow.get()).isNotEmpty();
    }

    @Test
    void interleavedCallersMeetThenRace() throws Exception {
        node.faults().interleave("createContainer", 2);
        List<CompletableFuture<String>> both = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            both.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return node.createContainer(container("db", "postgres:16"));
                } catch (EngineCallException e) {
                    return e.reason().name();
                }
            }, threads));
        }
        List<String> outcomes = both.stream().map(CompletableFuture::join).toList();
        assertThat(outcomes).containsOnlyOnce("CONFLICT").hasSize(2);
        node.createContainer(container("other", "postgres:16"));
    }

    @Test
    void aHookRunsBeforeTheCallActs() {
        String id = node.createContainer(container("db", "postgres:16"));
        node.startContainer(id);
        node.faults().beforeCall("pauseContainer", () -> node.crash(id));
        refused(Reason.CONFLICT, () -> node.pauseContainer(id)).withMessageContaining("is not running");
    }

    @Test
    void aStalledDownloadTimesOutOrEndsWhenClosed() throws Exception {
        String id = node.createContainer(container("db", "postgres:16", RestartPolicy.NO,
                Mount.volume("data", "/berth-data", false)));
        node.volumeFiles("data").put("a.txt", new byte[10_000]);
        node.faults().stall("download", 1, 512).readTimeout(Duration.ofMillis(200));
        try (InputStream in = node.download(id, "/berth-data")) {
            assertThat(in.readNBytes(512)).hasSize(512);
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class).hasMessage("Read timed out");
        }
        node.faults().clear().stall("download");
        InputStream stalled = node.download(id, "/berth-data");
        Future<Integer> reader = threads.submit(() -> stalled.read());
        Thread.sleep(100);
        stalled.close();
        assertThatThrownBy(reader::get).hasCauseInstanceOf(IOException.class);
        node.faults().clear();
        try (InputStream in = node.download(id, "/berth-data")) {
            assertThat(in.readAllBytes().length).isGreaterThan(10_000);
        }
    }

    @Test
    void faultsCountPerCallAndRefuseNamesEngineHasNot() {
        AtomicInteger hooks = new AtomicInteger();
        node.faults().beforeCall("ping", hooks::incrementAndGet).fail("ping", 2, Reason.FAILED);
        node.ping();
        refused(Reason.FAILED, node::ping);
        node.ping();
        assertThat(hooks).hasValue(3);
        assertThatThrownBy(() -> node.faults().loseResponses("createContainr"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("createContainer");
        assertThatThrownBy(() -> node.faults().stall("ping")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLostServiceUpdateStillChangedTheService() {
        FakeSwarm cluster = FakeSwarm.of(1);
        FakeNode manager = cluster.manager();
        manager.addImage("postgres:16");
        String id = manager.createService(Definitions.service("db", "postgres:16"));
        long version = manager.findService("db").orElseThrow().version();
        manager.faults().loseResponses("updateService");
        refused(Reason.UNREACHABLE, () -> manager.updateService(id, version,
                Definitions.service("db", "postgres:16").withReplicas(0)));
        assertThat(manager.findService("db").orElseThrow().spec().replicas()).isZero();
    }
}
