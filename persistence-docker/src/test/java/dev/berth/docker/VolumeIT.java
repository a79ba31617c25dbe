package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.AccessMode;
import dev.berth.Berth;
import dev.berth.DeleteOption;
import dev.berth.NotOwnedException;
import dev.berth.PersistentVolume;
import dev.berth.ReclaimPolicy;
import dev.berth.StatefulContainer;
import dev.berth.UnknownDriverException;
import dev.berth.VolumeConflictException;
import dev.berth.VolumeInUseException;
import dev.berth.VolumeScope;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VolumeIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    private final Berth berth = engine.berth();

    @Test
    void createIsIdempotentForTheSameSpec() {
        String name = engine.name("orders");
        PersistentVolume first = berth.volume(name).label("team", "payments").create();
        PersistentVolume again = berth.volume(name).label("team", "payments").create();

        assertThat(again).isEqualTo(first);
        assertThat(again.createdByBerth()).isTrue();
        assertThat(again.labels()).containsEntry("team", "payments");
        assertThat(again.scope()).isEqualTo(VolumeScope.LOCAL);
        assertThat(engine.docker().inspectVolumeCmd(name).exec().getLabels())
                .containsEntry("team", "payments")
                .containsEntry("dev.berth.managed-by", "berth")
                .containsEntry("dev.berth.access-mode", "SINGLE_WRITER")
                .containsKey("dev.berth.spec-hash");
    }

    @Test
    void eightThreadsCreatingTheSameSpecGetOneVolume() throws Exception {
        String name = engine.name("concurrent");
        CyclicBarrier barrier = new CyclicBarrier(8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Callable<PersistentVolume> create = () -> {
                barrier.await();
                return berth.volume(name).accessMode(AccessMode.MULTI_WRITER).create();
            };
            List<Future<PersistentVolume>> results = pool.invokeAll(IntStream.range(0, 8).mapToObj(i -> create).toList());
            Set<PersistentVolume> volumes = new java.util.HashSet<>();
            for (Future<PersistentVolume> f : results) {
                volumes.add(f.get());
            }
            assertThat(volumes).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        long named = engine.docker().listVolumesCmd().exec().getVolumes().stream()
                .filter(v -> v.getName().equals(name)).count();
        assertThat(named).isEqualTo(1);
    }

    @Test
    void anotherSpecForAnExistingNameIsAConflictShowingBothSpecs() {
        String name = engine.name("conflict");
        berth.volume(name).reclaimPolicy(ReclaimPolicy.RETAIN).create();

        assertThatThrownBy(() -> berth.volume(name).reclaimPolicy(ReclaimPolicy.DELETE).create())
                .isInstanceOfSatisfying(VolumeConflictException.class, e -> {
                    assertThat(e.volumeName()).isEqualTo(name);
                    assertThat(e.existingSpec()).contains("reclaimPolicy=RETAIN");
                    assertThat(e.requestedSpec()).contains("reclaimPolicy=DELETE");
                })
                .hasMessageContaining("existing:").hasMessageContaining("requested:");
    }

    @Test
    void aForeignVolumeIsAdoptedButNeverDeletedImplicitly() {
        String name = engine.name("foreign");
        engine.docker().createVolumeCmd().withName(name)
                .withLabels(Map.of(EngineFixture.RUN_LABEL, engine.runId())).exec();

        PersistentVolume adopted = berth.volume(name).create();

        assertThat(adopted.createdByBerth()).isFalse();
        assertThatThrownBy(adopted::delete).isInstanceOf(NotOwnedException.class)
                .hasMessageContaining("INCLUDING_ADOPTED");
        assertThat(engine.docker().inspectVolumeCmd(name).exec().getName()).isEqualTo(name);

        adopted.delete(DeleteOption.INCLUDING_ADOPTED);
        assertThat(berth.volumes().find(name)).isEmpty();
    }

    @Test
    void aForeignVolumeWithOtherOptionsIsNotAdopted() {
        String name = engine.name("foreign-opts");
        engine.docker().createVolumeCmd().withName(name).withDriverOpts(Map.of("type", "tmpfs", "device", "tmpfs"))
                .withLabels(Map.of(EngineFixture.RUN_LABEL, engine.runId())).exec();

        assertThatThrownBy(() -> berth.volume(name).create()).isInstanceOf(VolumeConflictException.class)
                .hasMessageContaining("type=tmpfs");
    }

    @Test
    void deleteIsRefusedWhileAContainerUsesTheVolume() {
        PersistentVolume data = berth.volume(engine.name("in-use")).create();
        StatefulContainer user = berth.container(engine.name("user")).image(EngineFixture.BUSYBOX)
                .command(EngineFixture.SLEEP).mount(data, "/data").start();

        assertThatThrownBy(data::delete).isInstanceOfSatisfying(VolumeInUseException.class,
                e -> assertThat(e.containers()).containsExactly(user.name()));

        user.remove();
        data.delete();
        assertThat(berth.volumes().find(data.name())).isEmpty();
    }

    @Test
    void listsBerthsVolumesAndFiltersByLabel() {
        String a = engine.name("list-a");
        String b = engine.name("list-b");
        berth.volume(a).label("tier", "gold").create();
        berth.volume(b).label("tier", "silver").create();

        assertThat(berth.volumes().list()).extracting(PersistentVolume::name).contains(a, b);
        assertThat(berth.volumes().withLabel("tier", "gold")).extracting(PersistentVolume::name)
                .contains(a).doesNotContain(b);
        assertThat(berth.volumes().find(b)).get().extracting(PersistentVolume::labels)
                .isEqualTo(Map.of("tier", "silver"));
    }

    @Test
    void sizeBytesCountsTheData() {
        PersistentVolume data = berth.volume(engine.name("sized")).create();
        assertThat(data.sizeBytes()).isZero();

        StatefulContainer writer = berth.container(engine.name("sizer")).image(EngineFixture.BUSYBOX)
                .command(EngineFixture.SLEEP).mount(data, "/data").start();
        assertThat(writer.exec("sh", "-c", "head -c 2097152 /dev/zero > /data/blob && sync").exitCode()).isZero();

        assertThat(data.sizeBytes()).isGreaterThanOrEqualTo(2L * 1024 * 1024);
        writer.remove();
    }

    @Test
    void anUnknownDriverIsNamedWithTheInstalledOnes() {
        assertThatThrownBy(() -> berth.volume(engine.name("nodriver")).driver("no-such-driver").create())
                .isInstanceOfSatisfying(UnknownDriverException.class, e -> {
                    assertThat(e.driver()).isEqualTo("no-such-driver");
                    assertThat(e.installed()).contains("local");
                });
    }

    @Test
    void deletePolicyVolumesGoWithTheirLastContainerAndRetainedOnesStay() {
        PersistentVolume scratch = berth.volume(engine.name("scratch")).reclaimPolicy(ReclaimPolicy.DELETE).create();
        PersistentVolume kept = berth.volume(engine.name("kept")).create();
        StatefulContainer c = berth.container(engine.name("reclaim")).image(EngineFixture.BUSYBOX)
                .command(EngineFixture.SLEEP).mount(scratch, "/scratch").mount(kept, "/kept").start();

        c.remove();

        Set<String> left = engine.docker().listVolumesCmd().exec().getVolumes().stream()
                .map(v -> v.getName()).collect(Collectors.toSet());
        assertThat(left).contains(kept.name()).doesNotContain(scratch.name());
    }
}
