package dev.berth.docker;

import static dev.berth.docker.EngineFixture.BUSYBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.Berth;
import dev.berth.ContainerNotReadyException;
import dev.berth.ContainerState;
import dev.berth.ExecResult;
import dev.berth.ImageNotFoundException;
import dev.berth.NameTakenException;
import dev.berth.NotFoundException;
import dev.berth.PersistentVolume;
import dev.berth.Readiness;
import dev.berth.StatefulContainer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatefulContainerIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    private final Berth berth = engine.berth();

    private StatefulContainer sleeper(String name, PersistentVolume data) {
        return berth.container(engine.name(name)).image(BUSYBOX).command(EngineFixture.SLEEP)
                .mount(data, "/data").stopTimeout(Duration.ofSeconds(1)).start();
    }

    private static String read(StatefulContainer c, String path) {
        ExecResult r = c.exec("cat", path);
        assertThat(r.exitCode()).as("cat %s: %s", path, r.stderr()).isZero();
        return r.stdout();
    }

    @Test
    void aBindMountedHostDirectoryIsSeenAndNeverTouchedByRemoveOrPrune() throws Exception {
        java.nio.file.Path site = java.nio.file.Files.createTempDirectory("berth-bind-");
        java.nio.file.Files.writeString(site.resolve("index.html"), "hello");
        java.nio.file.Path rw = java.nio.file.Files.createDirectory(site.resolve("rw"));
        PersistentVolume data = berth.volume(engine.name("bind-data")).create();
        StatefulContainer c = berth.container(engine.name("bind")).image(BUSYBOX).command(EngineFixture.SLEEP)
                .mount(data, "/data").bindReadOnly(site, "/site").bind(rw, "/site-rw").start();

        assertThat(c.exec("cat", "/site/index.html").stdout()).isEqualTo("hello");
        assertThat(c.exec("sh", "-c", "echo x > /site/new").exitCode()).as("read-only").isNotZero();
        assertThat(c.exec("sh", "-c", "echo written > /site-rw/by-container").exitCode()).isZero();
        c.remove();
        engine.pruneRun();

        assertThat(java.nio.file.Files.readString(site.resolve("index.html"))).isEqualTo("hello");
        assertThat(java.nio.file.Files.readString(rw.resolve("by-container"))).isEqualTo("written\n");
    }

    @Test
    void dataSurvivesKillAndRecreate() {
        PersistentVolume data = berth.volume(engine.name("kill-data")).create();
        StatefulContainer c = sleeper("kill", data);
        assertThat(c.exec("sh", "-c", "echo paid > /data/order-1 && sync").exitCode()).isZero();

        c.kill();
        assertThat(c.state()).isIn(ContainerState.EXITED, ContainerState.DEAD);
        c.recreate();

        assertThat(c.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(read(c, "/data/order-1")).isEqualTo("paid\n");
    }

    @Test
    void stopStartAndRestartKeepTheData() {
        PersistentVolume data = berth.volume(engine.name("stop-data")).create();
        StatefulContainer c = sleeper("stop", data);
        c.exec("sh", "-c", "echo 1 > /data/x");

        c.stop();
        assertThat(c.state()).isEqualTo(ContainerState.EXITED);
        c.start();
        assertThat(read(c, "/data/x")).isEqualTo("1\n");
        c.restart();
        assertThat(read(c, "/data/x")).isEqualTo("1\n");
    }

    @Test
    void startWaitsForTheLogLineItIsToldTo() {
        StatefulContainer c = berth.container(engine.name("ready")).image(BUSYBOX)
                .command("sh", "-c", "sleep 1; echo warming; echo ready to serve; sleep 600")
                .readyWhen(Readiness.logLine("ready to serve")).start();

        assertThat(c.logs()).contains("ready to serve");
    }

    @Test
    void aContainerThatExitsIsNotReadyAndTheErrorShowsItsLogs() {
        assertThatThrownBy(() -> berth.container(engine.name("crash")).image(BUSYBOX)
                .command("sh", "-c", "echo cannot open data dir; exit 3")
                .readyWhen(Readiness.logLine("never")).start())
                .isInstanceOf(ContainerNotReadyException.class)
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("cannot open data dir");
    }

    @Test
    void readinessThatNeverHoldsTimesOut() {
        assertThatThrownBy(() -> berth.container(engine.name("slow")).image(BUSYBOX).command(EngineFixture.SLEEP)
                .readyWhen(Readiness.logLine("never").withTimeout(Duration.ofMillis(500))).start())
                .isInstanceOf(ContainerNotReadyException.class)
                .hasMessageContaining("did not hold within PT0.5S");
    }

    @Test
    void execReturnsExitCodeAndBothStreams() {
        StatefulContainer c = berth.container(engine.name("exec")).image(BUSYBOX).command(EngineFixture.SLEEP).start();

        ExecResult r = c.exec("sh", "-c", "echo out; echo err >&2; exit 4");

        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
    }

    @Test
    void publishedPortsAreReachableOnTheMappedPort() throws Exception {
        PersistentVolume site = berth.volume(engine.name("site")).create();
        StatefulContainer web = berth.container(engine.name("web")).image(BUSYBOX)
                .command("sh", "-c", "echo hello > /www/index.html && httpd -f -p 8080 -h /www")
                .mount(site, "/www").port(8080).readyWhen(Readiness.command("wget", "-q", "-O-", "http://127.0.0.1:8080/"))
                .start();

        URI uri = URI.create("http://" + web.host() + ":" + web.mappedPort(8080) + "/index.html");
        try (var body = uri.toURL().openStream()) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
        }
        assertThatThrownBy(() -> web.mappedPort(9999)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretsNeverShowInToStringLabelsOrErrors() {
        String secret = "s3cr3t-" + engine.runId();
        var builder = berth.container(engine.name("secret")).image(BUSYBOX)
                .secretEnv("DB_PASSWORD", secret)
                .command("sh", "-c", "echo password is $DB_PASSWORD; exit 1")
                .readyWhen(Readiness.logLine("never"));

        assertThat(builder.spec().toString()).doesNotContain(secret).contains("DB_PASSWORD");
        assertThatThrownBy(builder::start).isInstanceOf(ContainerNotReadyException.class)
                .hasMessageContaining("password is ******")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
        // The engine needs the value in the environment; labels never carry it.
        var labels = engine.docker().listContainersCmd().withShowAll(true)
                .withNameFilter(java.util.List.of(engine.name("secret"))).exec();
        labels.forEach(c -> assertThat(c.getLabels().toString()).doesNotContain(secret));
    }

    @Test
    void aNameTakenByAContainerBerthDidNotCreateIsRefused() {
        String name = engine.name("taken");
        engine.docker().createContainerCmd(BUSYBOX).withName(name).withCmd("true")
                .withLabels(Map.of(EngineFixture.RUN_LABEL, engine.runId())).exec();

        assertThatThrownBy(() -> berth.container(name).image(BUSYBOX).start())
                .isInstanceOf(NameTakenException.class).hasMessageContaining("docker rm");
        assertThat(engine.docker().inspectContainerCmd(name).exec().getName()).isEqualTo("/" + name);
    }

    @Test
    void anImageThatIsNeitherLocalNorPullableIsReportedAsSuch() {
        assertThatThrownBy(() -> berth.container(engine.name("noimage")).image("berth-no-such-image:0.0").start())
                .isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining("berth-no-such-image:0.0").hasMessageContaining("docker load");
    }

    @Test
    void aVolumeRemovedBehindBerthsBackIsNeverReplacedByAnEmptyOne() {
        PersistentVolume data = berth.volume(engine.name("gone")).create();
        engine.docker().removeVolumeCmd(data.name()).exec();

        assertThatThrownBy(() -> sleeper("gone", data)).isInstanceOf(NotFoundException.class);
        assertThat(berth.volumes().find(data.name())).isEmpty();
    }

    @Test
    void removeLeavesRetainedVolumesAndTheirData() {
        PersistentVolume data = berth.volume(engine.name("retain")).create();
        StatefulContainer c = sleeper("retain", data);
        c.exec("sh", "-c", "echo kept > /data/k");

        c.remove();
        assertThat(c.state()).isEqualTo(ContainerState.ABSENT);

        StatefulContainer fresh = sleeper("retain-2", data);
        assertThat(read(fresh, "/data/k")).isEqualTo("kept\n");
    }

    @Test
    void pauseFreezesAndUnpauseThaws() {
        StatefulContainer c = berth.container(engine.name("pause")).image(BUSYBOX).command(EngineFixture.SLEEP).start();
        c.pause();
        assertThat(c.state()).isEqualTo(ContainerState.PAUSED);
        c.unpause();
        assertThat(c.state()).isEqualTo(ContainerState.RUNNING);
    }


    @Test
    void pauseUnpauseAndExecOnAStoppedOrRemovedContainerAreRefusedWithABerthErrorThatSaysWhatToDo() {
        StatefulContainer c = sleeper("stopped", berth.volume(engine.name("stopped-data")).create());
        c.stop();

        for (org.assertj.core.api.ThrowableAssert.ThrowingCallable call : java.util.List.<org.assertj.core.api
                .ThrowableAssert.ThrowingCallable>of(c::pause, c::unpause, () -> c.exec("true"))) {
            assertThatThrownBy(call).isInstanceOfSatisfying(dev.berth.EngineCallException.class, e -> {
                assertThat(e.reason()).isEqualTo(dev.berth.EngineCallException.Reason.CONFLICT);
                assertThat(e).hasNoCause().hasMessageContaining("start it first");
            });
        }
        c.start();
        engine.docker().removeContainerCmd(c.name()).withForce(true).exec(); // behind Berth's back
        assertThatThrownBy(() -> c.exec("true")).isInstanceOfSatisfying(dev.berth.EngineCallException.class,
                e -> assertThat(e.reason()).isEqualTo(dev.berth.EngineCallException.Reason.NOT_FOUND))
                .hasNoCause().hasMessageContaining("Create or start it again");
    }
}
