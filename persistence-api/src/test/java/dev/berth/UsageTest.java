package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UsageTest {

    @Test
    void onlyBerthsOwnUnusedVolumesAreReclaimableAndUnknownSizesCountForNothing() {
        Usage usage = new Usage(List.of(
                new VolumeUsage("berth-unused", "n1", 100, 0, true),
                new VolumeUsage("berth-used", "n1", 50, 1, true),
                new VolumeUsage("theirs-unused", "n2", 30, 0, false),
                new VolumeUsage("remote", "n2", -1, 0, true)));

        assertThat(usage.totalBytes()).isEqualTo(180);
        assertThat(usage.reclaimableBytes()).as("never a volume Berth did not make").isEqualTo(100);
        assertThat(usage.unused()).extracting(VolumeUsage::name)
                .containsExactly("berth-unused", "theirs-unused", "remote");
    }
}
