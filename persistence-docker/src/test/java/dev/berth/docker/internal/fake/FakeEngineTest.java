package dev.berth.docker.internal.fake;

import static dev.berth.docker.internal.fake.Definitions.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.berth.EngineCallException.Reason;
import dev.berth.EngineCallException;
import dev.berth.ExecResult;
import dev.berth.RestartPolicy;
import dev.berth.docker.internal.engine.ContainerInfo;
import dev.berth.docker.internal.engine.ContainerQuery;
import dev.berth.docker.internal.engine.Mount;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;

/** The fake engine behaves as one Docker engine does: containers, volumes, archives, images, and its logical clock. */
class FakeEngineTest {
    private final FakeSwarm swarm = FakeSwarm.single();
    private final FakeNode node = swarm.node(1);

    FakeEngineTest() {
        node.addImage("postgres:16");
    }

    static ThrowableAssertAlternative<EngineCallException> refused(Reason reason, ThrowingCallable call) {
        return assertThatExceptionOfType(EngineCallException.class)
                .isThrownBy(call).matches(e -> e.reason() == reason, "reason " + reason);
    }

    @Test
    void aPlainEngineIsInNoSwarm() {
        assertThat(node.endpoint()).isEqualTo("fake://node-1");
        assertThat(node.info().swarmActive()).isFalse();
        assertThat(node.info().nodeId()).isEqualTo(node.info().id()).isNotEqualTo("node-1");
        refused(Reason.FAILED, () -> node.createService(Definitions.service("db", "postgres:16")))
                .withMessageContaining("This node is not a swarm manager");
    }

    @Test
    void aContainerGoesThroughDockersStates() {
        String id = node.createContainer(container("db", "postgres:16"));
        assertThat(node.inspectContainer(id).orElseThrow().state()).isEqualTo("created");
        node.startContainer(id);
        node.startContainer(id);
        node.pauseContainer(id);
        refused(Reason.CONFLICT, () -> node.startContainer(id)).withMessageContaining("cannot start a paused container");
        refused(Reason.CONFLICT, () -> node.pauseContainer(id)).withMessageContaining("is already paused");
        node.unpauseContainer(id);
        refused(Reason.CONFLICT, () -> node.unpauseContainer(id)).withMessageContaining("is not paused");
        node.stopContainer(id, Duration.ofSeconds(10));
        node.stopContainer(id, Duration.ofSeconds(10));
        refused(Reason.CONFLICT, () -> node.pauseContainer(id)).withMessageContaining("is not running");
        node.killContainer(id, "KILL");
        assertThat(node.inspectContainer("db").orElseThrow()).extracting(ContainerInfo::state, ContainerInfo::exitCode)
                .containsExactly("exited", 0L);
        node.startContainer("db");
        node.killContainer(id, "SIGKILL");
        assertThat(node.inspectContainer(id).orElseThrow().exitCode()).isEqualTo(137);
        node.removeContainer(id);
        node.removeContainer(id);
        refused(Reason.NOT_FOUND, () -> node.killContainer(id, "KILL"));
        assertThat(node.inspectContainer(id)).isEmpty();
    }

    @Test
    void namesAreTheEnginesAndImagesMustBeThere() {
        String id = node.createContainer(container("db", "postgres:16"));
        refused(Reason.CONFLICT, () -> node.createContainer(container("db", "postgres:16")))
                .withMessageContaining("The container name \"/db\" is already in use by container \"" + id + "\"");
        refused(Reason.NOT_FOUND, () -> node.createContainer(container("other", "redis:7")))
                .withMessageContaining("No such image: redis:7");
        FakeSwarm two = FakeSwarm.of(2);
        two.node(2).addImage("postgres:16");
        two.node(2).createContainer(container("db", "postgres:16"));
        assertThat(two.node(1).inspectContainer("db")).isEmpty();
    }

    @Test
    void inspectionsAndListings() {
        String a = node.createContainer(container("db-a", "postgres:16", RestartPolicy.NO,
                Mount.volume("data", "/berth-data", false)).withLabel("app", "x").withLabel("tier", "db"));
        String b = node.createContainer(container("db-b", "postgres:16").withLabel("app", "x"));
        assertThat(node.inspectVolume("data")).isPresent();
        assertThat(node.inspectContainer(a.substring(0, 12)).orElseThrow().name()).isEqualTo("db-a");
        assertThat(node.inspectContainer("/db-b").orElseThrow().id()).isEqualTo(b);
        assertThat(node.listContainers(ContainerQuery.labelled(Map.of("app", "x")))).extracting(ContainerInfo::id)
                .containsExactly(b, a);
        assertThat(node.listContainers(ContainerQuery.labelled(Map.of("app", "x", "tier", "db"))))
                .extracting(ContainerInfo::id).containsExactly(a);
        List<ContainerInfo> mounting = node.listContainers(ContainerQuery.mounting("data"));
        assertThat(mounting).singleElement().satisfies(c -> {
            assertThat(c.mounts("data", true)).isTrue();
            assertThat(c.exitCode()).isEqualTo(-1);
        });
    }

    @Test
    void execsAndLogsAreScripted() {
        String id = node.createContainer(container("db", "postgres:16"));
        refused(Reason.CONFLICT, () -> node.exec(id, List.of("true"), Duration.ofSeconds(1)))
                .withMessageContaining("is not running");
        node.startContainer(id);
        assertThat(node.exec(id, List.of("true"), Duration.ofSeconds(1))).isEqualTo(new ExecResult(0, "", ""));
        node.onExec(command -> new ExecResult(3, String.join(" ", command), "oops"));
        assertThat(node.exec("db", List.of("psql", "-c", "select 1"), Duration.ofSeconds(1)).stdout())
                .isEqualTo("psql -c select 1");
        assertThat(node.execs()).extracting(FakeNode.Exec::command).containsExactly(List.of("true"),
                List.of("psql", "-c", "select 1"));
        assertThat(node.logs(id, Duration.ofSeconds(1))).isEmpty();
        node.appendLogs("db", "ready to accept connections\n");
        assertThat(node.logs(id, Duration.ofSeconds(1))).isEqualTo("ready to accept connections\n");
        node.removeContainer(id);
        refused(Reason.NOT_FOUND, () -> node.exec(id, List.of("true"), Duration.ofSeconds(1)));
    }

    @Test
    void awaitExitWakesWhenTheContainerDies() throws Exception {
        String id = node.createContainer(container("db", "postgres:16"));
        node.startContainer(id);
        refused(Reason.FAILED, () -> node.awaitExit(id, Duration.ofMillis(50))).withMessageContaining("timeout");
        Thread crasher = new Thread(() -> {
            sleep(100);
            node.crash(id);
        });
        crasher.start();
        assertThat(node.awaitExit(id, Duration.ofSeconds(5))).isEqualTo(137);
        crasher.join();
    }

    @Test
    void anEngineRestartBringsBackWhatItsPolicySays() {
        String always = node.createContainer(container("always", "postgres:16", RestartPolicy.ALWAYS));
        String unless = node.createContainer(container("unless", "postgres:16", RestartPolicy.UNLESS_STOPPED));
        String stopped = node.createContainer(container("stopped", "postgres:16", RestartPolicy.UNLESS_STOPPED));
        String never = node.createContainer(container("never", "postgres:16"));
        List.of(always, unless, stopped, never).forEach(node::startContainer);
        node.stopContainer(stopped, Duration.ofSeconds(1));
        node.crash(always);
        assertThat(node.inspectContainer(always).orElseThrow()).extracting(ContainerInfo::state, ContainerInfo::exitCode)
                .containsExactly("restarting", 137L);
        refused(Reason.CONFLICT, () -> node.exec(always, List.of("true"), Duration.ofSeconds(1)))
                .withMessageContaining("is restarting");
        swarm.advance(FakeContainers.RESTART_BACKOFF);
        assertThat(node.inspectContainer(always).orElseThrow().running()).isTrue();
        node.restartEngine();
        assertThat(List.of(always, unless, stopped, never)).map(id -> node.inspectContainer(id).orElseThrow().state())
                .containsExactly("running", "running", "exited", "exited");
    }

    @Test
    void volumesAreKeptUntilNoContainerUsesThem() {
        node.createVolume("data", "local", Map.of(), Map.of("owner", "berth"));
        node.createVolume("data", "local", Map.of(), Map.of("owner", "someone else"));
        assertThat(node.inspectVolume("data").orElseThrow().labels()).containsEntry("owner", "berth");
        assertThat(node.listVolumes(Map.of("owner", "berth"))).hasSize(1);
        refused(Reason.NOT_FOUND, () -> node.createVolume("x", "nfs", Map.of(), Map.of()))
                .withMessageContaining("plugin \"nfs\" not found");
        String id = node.createContainer(container("db", "postgres:16", RestartPolicy.NO,
                Mount.volume("data", "/berth-data", false)));
        refused(Reason.CONFLICT, () -> node.removeVolume("data")).withMessageContaining("volume is in use");
        node.removeContainer(id);
        node.removeVolume("data");
        node.removeVolume("data");
        assertThat(node.inspectVolume("data")).isEmpty();
    }

    @Test
    void archivesAreTarsOfTheVolumeMountedAtThePath() throws IOException {
        String id = node.createContainer(container("db", "postgres:16", RestartPolicy.NO,
                Mount.volume("data", "/berth-data", false), Mount.volume("ro", "/config", true)));
        node.volumeFiles("data").put("a.txt", bytes("A"));
        node.volumeFiles("data").put("sub/b.txt", bytes("B"));
        try (InputStream tar = node.download(id, "/berth-data")) {
            assertThat(entries(tar)).containsExactly("berth-data/", "berth-data/a.txt", "berth-data/sub/",
                    "berth-data/sub/b.txt");
        }
        node.upload(id, "/", out -> writeTar(out, "berth-data/x/y.txt", "Y"));
        assertThat(node.volumeFiles("data")).containsKey("x/y.txt");
        assertThat(new String(node.volumeFiles("data").get("x/y.txt"), StandardCharsets.UTF_8)).isEqualTo("Y");
        refused(Reason.INVALID, () -> node.upload(id, "/config", out -> writeTar(out, "config/z", "Z")))
                .withMessageContaining("read-only");
        refused(Reason.NOT_FOUND, () -> node.download(id, "/nowhere"));
    }

    @Test
    void imagesComeFromTheRegistry() {
        assertThat(node.imageId("postgres:16").orElseThrow()).startsWith("sha256:");
        assertThat(node.imageId(node.imageId("postgres:16").orElseThrow())).isPresent();
        refused(Reason.NOT_FOUND, () -> node.pull("redis:7", Duration.ofSeconds(1)));
        swarm.registry().add("redis:7");
        node.pull("redis:7", Duration.ofSeconds(1));
        assertThat(node.imageId("docker.io/library/redis:7")).isPresent();
        refused(Reason.NOT_FOUND, () -> node.pull("redis", Duration.ofSeconds(1)))
                .withMessageContaining("manifest for redis not found");
    }

    @Test
    void theClockIsLogicalSoTwoRunsSeeTheSame() {
        Instant before = swarm.clock();
        String id = node.createContainer(container("db", "postgres:16"));
        ContainerInfo created = node.inspectContainer(id).orElseThrow();
        assertThat(created.created()).isEqualTo(before.plusMillis(1));
        swarm.advance(Duration.ofHours(1));
        assertThat(swarm.clock()).isEqualTo(before.plusMillis(2).plus(Duration.ofHours(1)));
        FakeSwarm again = FakeSwarm.single();
        again.node(1).addImage("postgres:16");
        assertThat(again.node(1).createContainer(container("db", "postgres:16"))).isEqualTo(id);
    }

    @Test
    void diskUsageIsAnsweredFromTheVolumes() {
        node.addVolume("data", Map.of()).volumeFiles("data").put("f", new byte[42]);
        assertThat(node.getJson("/system/df?type=volume").orElseThrow().path("Volumes").get(0)
                .path("UsageData").path("Size").asLong()).isEqualTo(42);
        assertThat(node.getJson("/containers/x/json")).isEmpty();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> entries(InputStream tar) throws IOException {
        List<String> names = new ArrayList<>();
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
            names.add(e.getName());
        }
        return names;
    }

    static void writeTar(java.io.OutputStream out, String name, String content) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes(content).length);
        tar.putArchiveEntry(entry);
        tar.write(bytes(content));
        tar.closeArchiveEntry();
        tar.finish();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
