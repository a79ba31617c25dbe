package dev.berth.docker.internal.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.AccessMode;
import dev.berth.ContainerSpec;
import dev.berth.ReclaimPolicy;
import dev.berth.VolumeSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecHashTest {

    private static VolumeSpec volume(AccessMode mode, Map<String, String> labels) {
        return Specs.volume("data", "local", Map.of("size", "10"), labels, mode, ReclaimPolicy.RETAIN);
    }

    private static ContainerSpec.Builder container() {
        return ContainerSpec.builder("pg").image("postgres:16").env("A", "1");
    }

    @Test
    void equalSpecsHashEquallyWhateverTheOrderOfTheirMaps() {
        var a = volume(AccessMode.SINGLE_WRITER, Map.of("a", "1", "b", "2"));
        var b = volume(AccessMode.SINGLE_WRITER, new java.util.TreeMap<>(Map.of("b", "2", "a", "1")));
        assertThat(SpecHash.of(a)).isEqualTo(SpecHash.of(b)).hasSize(32);
    }

    @Test
    void anyChangeOfTheVolumeSpecChangesTheHash() {
        assertThat(SpecHash.of(volume(AccessMode.SINGLE_WRITER, Map.of())))
                .isNotEqualTo(SpecHash.of(volume(AccessMode.MULTI_WRITER, Map.of())))
                .isNotEqualTo(SpecHash.of(volume(AccessMode.SINGLE_WRITER, Map.of("team", "x"))));
    }

    @Test
    void aRotatedSecretChangesTheHashWhichRevealsNothingOfIt() {
        String one = SpecHash.of(container().secretEnv("PASSWORD", "one").spec());
        String again = SpecHash.of(container().secretEnv("PASSWORD", "one").spec());
        String two = SpecHash.of(container().secretEnv("PASSWORD", "two").spec());
        String other = SpecHash.of(container().secretEnv("TOKEN", "one").spec());

        assertThat(one).isEqualTo(again).isNotEqualTo(two).isNotEqualTo(other);
        assertThat(SpecKey.hash("PASSWORD\0one")).as("keyed: not the plain hash of the value")
                .isNotEqualTo(dev.berth.docker.internal.common.Sha256.hex("PASSWORD\0one"));
        assertThat(SpecHash.of(container().env("A", "2").spec())).isNotEqualTo(SpecHash.of(container().spec()));
    }
}
