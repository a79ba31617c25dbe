package dev.berth.docker.internal.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ArchiveRecordTest {

    @Test
    void aLineRoundTripsAnyFileName() throws IOException {
        ArchiveRecord r = new ArchiveRecord("dir/tab\there\nnew line\\back", ArchiveRecord.Kind.SYMLINK, 0755, 999,
                70000, 1_700_000_000L, 0, "../odd\ttarget", "");

        assertThat(r.line()).doesNotContain("\n");
        assertThat(ArchiveRecord.parse(r.line())).isEqualTo(r);
    }

    @Test
    void filesCarryTheirChecksum() throws IOException {
        ArchiveRecord r = new ArchiveRecord("data.bin", ArchiveRecord.Kind.FILE, 0600, 0, 0, 0, 12, "", "ab".repeat(32));

        assertThat(r.line()).startsWith("ab".repeat(32) + "\tf\t600\t");
        assertThat(ArchiveRecord.parse(r.line())).isEqualTo(r);
        assertThat(r.equals(r.withSha256("cd".repeat(32)))).isFalse();
    }

    @Test
    void aDamagedLineIsAnError() {
        assertThatThrownBy(() -> ArchiveRecord.parse("-\tf\t644\t0")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ArchiveRecord.parse("-\tx\t644\t0\t0\t0\t0\tp\t")).hasMessageContaining("kind");
        assertThatThrownBy(() -> ArchiveRecord.parse("-\tf\t9z\t0\t0\t0\t0\tp\t")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ArchiveRecord.unescape("bad\\")).hasMessageContaining("dangling");
    }
}
