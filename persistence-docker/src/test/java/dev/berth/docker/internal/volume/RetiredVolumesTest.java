package dev.berth.docker.internal.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetiredVolumesTest {

    @Test
    void aRetiredCopySaysWhatItWasAndSinceWhenToTheSecond() {
        Instant when = Instant.parse("2026-11-26T01:02:03.456Z");

        String name = RetiredVolumes.name("orders-pg", when);

        assertThat(name).isEqualTo("orders-pg.retired-20261126-010203");
        assertThat(RetiredVolumes.retiredAt(name)).contains(Instant.parse("2026-11-26T01:02:03Z"));
    }

    @Test
    void otherNamesAreNotRetiredCopies() {
        assertThat(RetiredVolumes.retiredAt("orders-pg")).isEmpty();
        assertThat(RetiredVolumes.retiredAt(".retired-20261126-010203")).isEmpty();
        assertThat(RetiredVolumes.retiredAt("a.retired-20261399-999999")).as("no such time").isEmpty();
        assertThat(RetiredVolumes.retiredAt("a.retired-20261126-010203-copy")).isEmpty();
    }
}
