package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerSpecTest {

    private static PersistentVolume volume(AccessMode mode) {
        VolumeSpec spec = VolumeSpec.builder("data").accessMode(mode).spec();
        return new PersistentVolume() {
            public String name() { return spec.name(); }
            public String driver() { return spec.driver(); }
            public VolumeScope scope() { return VolumeScope.LOCAL; }
            public Map<String, String> labels() { return spec.labels(); }
            public AccessMode accessMode() { return spec.accessMode(); }
            public ReclaimPolicy reclaimPolicy() { return spec.reclaimPolicy(); }
            public boolean createdByBerth() { return true; }
            public long sizeBytes() { return 0; }
            public boolean isEmpty() { return true; }
            public VolumeSpec spec() { return spec; }
            public Node node() { throw new UnsupportedOperationException(); }
            public PersistentVolume moveTo(Node target) { throw new UnsupportedOperationException(); }
            public Snapshot snapshot(String name) { throw new UnsupportedOperationException(); }
            public Snapshot snapshot(String name, Consistency c) { throw new UnsupportedOperationException(); }
            public void delete(DeleteOption... options) { }
        };
    }

    @Test
    void aBindMountNamesAbsolutePathsAndTakesPartInEquality() {
        ContainerSpec plain = ContainerSpec.builder("web").image("nginx:1").build();
        ContainerSpec bound = ContainerSpec.builder("web").image("nginx:1")
                .bindReadOnly(java.nio.file.Path.of("/srv/site"), "/usr/share/nginx/html").build();

        assertThat(bound.binds()).containsExactly(new BindMount(java.nio.file.Path.of("/srv/site"),
                "/usr/share/nginx/html", true));
        assertThat(bound).isNotEqualTo(plain);
        assertThat(bound.toString()).contains("binds=[/srv/site:/usr/share/nginx/html:ro]");
        assertThat(plain.toString()).doesNotContain("binds");
        assertThatThrownBy(() -> ContainerSpec.builder("web").bind(java.nio.file.Path.of("site"), "/html"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be absolute");
        assertThatThrownBy(() -> ContainerSpec.builder("web").bind(java.nio.file.Path.of("/srv"), "html"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("container path must be absolute");
    }

    @Test
    void toStringNeverShowsASecret() {
        ContainerSpec spec = ContainerSpec.builder("pg").image("postgres:16")
                .secretEnv("POSTGRES_PASSWORD", "hunter2").env("POSTGRES_USER", "app").spec();

        assertThat(spec.toString()).doesNotContain("hunter2").contains("POSTGRES_PASSWORD").contains("POSTGRES_USER=app");
        assertThat(spec.secretEnv().get("POSTGRES_PASSWORD")).hasToString("******");
        assertThat(spec.secretEnv().get("POSTGRES_PASSWORD").reveal()).isEqualTo("hunter2");
    }

    @Test
    void aReadOnlyManyVolumeMountsOnlyReadOnly() {
        PersistentVolume shared = volume(AccessMode.READ_ONLY_MANY);

        assertThatThrownBy(() -> ContainerSpec.builder("app").mount(shared, "/data"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mountReadOnly(volume, \"/data\")");
        assertThat(ContainerSpec.builder("app").image("x").mountReadOnly(shared, "/data").spec().mounts())
                .singleElement().extracting(VolumeMount::readOnly).isEqualTo(true);
    }

    @Test
    void aSpecWithoutImageSaysWhatIsMissing() {
        assertThatThrownBy(() -> ContainerSpec.builder("app").spec()).hasMessageContaining("needs an image");
    }

    @Test
    void mountPathsMustBeAbsolute() {
        assertThatThrownBy(() -> ContainerSpec.builder("app").mount(volume(AccessMode.SINGLE_WRITER), "data"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
    }

    @Test
    void specsAreImmutableCopies() {
        ContainerSpec.Builder builder = ContainerSpec.builder("app").image("x").env("A", "1");
        ContainerSpec before = builder.spec();
        builder.env("B", "2");

        assertThat(before.env()).containsOnlyKeys("A");
        assertThatThrownBy(() -> before.env().put("C", "3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void specsAreValuesTwoDescriptionsOfOneContainerAreEqual() {
        ContainerSpec one = ContainerSpec.builder("pg").image("postgres:16").env("A", "1").secretEnv("PW", "s")
                .port(5432).readyWhen(Readiness.logLine("ready", 1)).build();
        ContainerSpec same = ContainerSpec.builder("pg").image("postgres:16").env("A", "1").secretEnv("PW", "s")
                .port(5432).readyWhen(Readiness.logLine("ready", 1)).build();
        ContainerSpec rotated = ContainerSpec.builder("pg").image("postgres:16").env("A", "1").secretEnv("PW", "t")
                .port(5432).readyWhen(Readiness.logLine("ready", 1)).build();

        assertThat(same).isEqualTo(one).hasSameHashCodeAs(one);
        assertThat(rotated).isNotEqualTo(one);
        assertThat(ContainerSpec.builder("pg").image("postgres:16").build())
                .isNotEqualTo(ContainerSpec.builder("pg").image("postgres:17").build());
    }

    @Test
    void volumeSpecsAreValuesToo() {
        assertThat(VolumeSpec.builder("vol").label("team", "a").build())
                .isEqualTo(VolumeSpec.builder("vol").label("team", "a").build())
                .isNotEqualTo(VolumeSpec.builder("vol").label("team", "b").build());
    }
}
