package dev.berth.samples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.berth.Berth;
import dev.berth.BerthSettings;
import dev.berth.DataProbe;
import dev.berth.ExclusiveAccessException;
import dev.berth.MoveReport;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.Plugins;
import dev.berth.PruneOptions;
import dev.berth.Readiness;
import dev.berth.ReplicaSet;
import dev.berth.Retention;
import dev.berth.Snapshot;
import dev.berth.StatefulContainer;
import dev.berth.VolumeScope;
import dev.berth.samples.Postgres;
import dev.berth.samples.Redis;
import dev.berth.testkit.Disruption;
import dev.berth.testkit.PersistenceAssertions;
import dev.berth.testkit.PersistentContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The README's Java snippets, compiled and run as written there (ReadmeSnippetsTest checks that each one appears
 * here word for word), on the engine and Swarm of scripts/test.sh. They use the README's own names, so this class
 * removes what they make, before and after, by those names.
 */
class ReadmeSnippetsIT {
    private static final String password = "readme-secret";

    @BeforeAll
    @AfterAll
    static void removeWhatTheSnippetsMake() throws Exception {
        ReadmeLeftovers.remove();
        Files.deleteIfExists(Path.of("orders.snapshot"));
    }

    @Test
    void theFirstExampleKillsAndRecreatesPostgresThenRefusesASecondWriter() {
        assertThatThrownBy(() -> {
            // README snippet 1
            try (Berth berth = Berth.connect()) {            // DOCKER_HOST, the docker context, or the default socket
                PersistentVolume data = berth.volume("orders-pg")
                    .label("team", "payments")
                    .create();                               // idempotent; adopts a matching volume it did not create

                StatefulContainer pg = berth.container("orders-pg")
                    .image("postgres:15")
                    .mount(data, "/var/lib/postgresql/data")
                    .secretEnv("POSTGRES_PASSWORD", password) // never logged, never in labels or messages
                    .port(5432)
                    .readyWhen(Readiness.logLine("ready to accept connections", 2))
                    .start();

                pg.kill();                                   // SIGKILL, like the power going out
                pg.recreate();                               // a new container on the same volume, ready when it returns

                berth.container("orders-pg-2").image("postgres:15")
                    .mount(data, "/var/lib/postgresql/data")
                    .start();                                // ExclusiveAccessException: one writer per SINGLE_WRITER volume
            }
            // end of snippet 1
        }).isInstanceOf(ExclusiveAccessException.class).hasMessageContaining("orders-pg");
    }

    @Test
    void snapshotsAreTakenVerifiedRestoredExportedAndRetained() throws Exception {
        try (Berth berth = Berth.connect()) {
            PersistentVolume data = berth.volume("orders-pg").label("team", "payments").create();
            // README snippet 2
            Snapshot before = data.snapshot("before-migration");      // pauses (or quiesces, with a recipe) the writers briefly
            before.verify();                                          // re-hashes every file; SnapshotCorruptedException names damage
            PersistentVolume copy = before.restore("orders-pg-copy"); // owners, modes and times as they were
            before.exportTo(Path.of("orders.snapshot"));              // one portable file; berth.snapshots().importFrom(path)
            berth.snapshots().retain("orders-pg", Retention.keepLast(7));
            // end of snippet 2
            assertThat(copy.name()).isEqualTo("orders-pg-copy");
            assertThat(Path.of("orders.snapshot")).isNotEmptyFile();
        }
    }

    @Test
    void theTestkitExampleRunsAndPasses() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(CacheDurabilityTest.class)).execute()
                .testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    }

    // README snippet 3
    @PersistentContainer(image = "redis:7.0", dataPath = "/data",
            command = {"redis-server", "--appendonly", "yes", "--appendfsync", "always"})
    static
    class CacheDurabilityTest {
        @Test
        void keepsAcknowledgedWritesThroughKill(StatefulContainer redis, DataProbe probe) {
            probe.write("order:1", "paid");          // a recipe's probe speaks the service's protocol;
            redis.kill();                            // without one, files under dataPath, synced
            redis.recreate();
            assertThat(probe.read("order:1")).contains("paid");
        }

        @Test
        void survivesEveryDisruption(StatefulContainer redis) {
            PersistenceAssertions.assertThat(redis).survives(Disruption.KILL, Disruption.STOP, Disruption.RECREATE,
                    Disruption.PAUSE, Disruption.ENGINE_RESTART);
        }
    }
    // end of snippet 3

    @Test
    void aReplicaSetSpreadsScalesRecreatesAndPromotes() {
        try (Berth berth = Berth.connect()) {
            // README snippet 4
            ReplicaSet cache = berth.replicaSet("cache").replicas(3).mount("data", "/data")
                .template(c -> c.recipe(new Redis()))       // anything a container builder takes
                .spread("zone")                             // on a Swarm: evenly over the values of the node label zone
                .start();
            cache.scale(2);              // cache-2 is removed, data-cache-2 is kept
            cache.rollingRecreate();     // one at a time, each ready before the next, the primary last
            cache.promote(cache.replica(1));   // cache.primary() is now cache-1 (the recipe's own replication is its own)
            // end of snippet 4
            assertThat(cache.primary().name()).isEqualTo("cache-1");
            cache.remove();
        }
    }

    @Test
    void aReplicaSetWithRolesMakesEveryOtherReplicaAStandbyOfItsPrimary() {
        try (Berth berth = Berth.connect()) {
            Node manager = berth.cluster().local();
            berth.cluster().label(berth.cluster().withLabel("zone", "a").orElseThrow(), "site", "a");
            berth.cluster().label(berth.cluster().withLabel("zone", "b").orElseThrow(), "site", "b");
            berth.cluster().label(manager, "site", "c");
            Postgres postgres = new Postgres();
            // README snippet 5
            ReplicaSet db = berth.replicaSet("orders").replicas(3).mount("data", postgres.dataPath())
                .template(c -> c.recipe(postgres))                                          // the primary, ordinal 0
                .replicaTemplate((c, primary) -> c.recipe(postgres.standbyOf(primary)))     // every other replica
                .spread("site").start();
            // end of snippet 5
            List<PersistentVolume> volumes = db.replicas().stream().flatMap(r -> r.volumes().stream()).toList();
            try {
                assertThat(db.replicas()).extracting(r -> r.node().id()).doesNotHaveDuplicates();
                assertThat(db.replica(1).spec().env()).containsKey("PRIMARY_HOST");
                assertThat(db.replica(2).logs()).contains("standby: copied the primary");
            } finally {
                db.remove();
                volumes.forEach(v -> v.delete()); // each on its own node
            }
        }
    }

    @Test
    void nodeEnginesAreNamedBySwarmNodeId() {
        // README snippet 6
        BerthSettings settings = BerthSettings.builder()
            .nodeEngine("qclhzqlqbadi9tef", "tcp://10.0.0.12:2376")   // by Swarm node id
            .build();
        // end of snippet 6
        assertThat(settings.nodeEngines()).containsEntry("qclhzqlqbadi9tef", "tcp://10.0.0.12:2376");
    }

    @Test
    void aContainerMovesWithItsDataAndTheRetiredCopyWaitsForItsGracePeriod() {
        try (Berth berth = Berth.connect()) {
            // README snippet 7
            Node zoneA = berth.cluster().withLabel("zone", "a").orElseThrow();
            PersistentVolume data = berth.volume("orders").node(zoneA).create();   // a LOCAL volume lives on one node
            StatefulContainer redis = berth.container("orders").image("redis:7.0").mount(data, "/data").start(); // runs where its data is
            MoveReport moved = redis.moveTo(berth.cluster().withLabel("zone", "b").orElseThrow());
            // copy while it runs, stop, send what changed, check every file on zone b, start there, retire the source copy
            berth.prune(PruneOptions.builder().retiredOlderThan(Duration.ofDays(7)).build()); // retired copies past their grace period
            // end of snippet 7
            assertThat(moved.to().labels()).containsEntry("zone", "b");
            assertThat(redis.node().id()).isEqualTo(moved.to().id());
            redis.remove();
        }
    }

    @Test
    void aGlobalVolumeOnSharedStorageIsDeclaredSoWithItsDriversOptions() {
        try (Berth berth = Berth.connect()) {
            // README snippet 8 (rclone's volume plugin runs for the tests: scripts/rclone-plugin.sh)
            PersistentVolume media = berth.volume("media").driver("rclone")
                .option("type", "local").option("path", "/srv/shared/media")     // driver options pass through,
                .option("uid", "1000").option("gid", "1000")                      // uid and gid too (seed 004)
                .option("vfs-cache-mode", "writes")                               // rclone: appends and in-place writes
                .scope(VolumeScope.GLOBAL)
                .create();
            // end of snippet 8
            assertThat(media.scope()).isEqualTo(VolumeScope.GLOBAL);
            assertThat(media.driver()).isEqualTo("rclone");
            media.delete();
        }
    }

    @Test
    void managedPluginsAreCreatedEnabledFoundAndRemovedOnEveryNode() throws Exception {
        Path bundle = dev.berth.docker.PluginBundles.rclone(Path.of("target", "plugin"));
        try (Berth berth = Berth.connect()) {
            // README snippet 9b (Disk and plugins): rclone's managed plugin, built as ManagedPluginsIT builds it
            Plugins plugins = berth.plugins();
            plugins.create("acme/rclone:1.60", bundle);   // a folder with config.json and rootfs/, as `docker plugin create` takes it
            plugins.enable("acme/rclone:1.60");           // on every node; then a volume driver there
            Optional<Plugins.Plugin> found = plugins.find("acme/rclone:1.60"); // present when every node has it, enabled when every node runs it
            plugins.remove("acme/rclone:1.60");           // disabled, then removed, everywhere
            // end of snippet 9b
            assertThat(found).hasValueSatisfying(p -> assertThat(p.enabled()).isTrue());
            assertThat(plugins.find("acme/rclone:1.60")).isEmpty();
        }
    }
}
