package dev.berth.docker.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.AccessMode;
import dev.berth.BerthException;
import dev.berth.Consistency;
import dev.berth.ReclaimPolicy;
import dev.berth.docker.internal.node.Specs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotManifestTest {
    static final SnapshotManifest MANIFEST = new SnapshotManifest("20250101T000000Z-abcdef01", "before = migration #1",
            Specs.volume("orders-pg", "local", Map.of("type", "tmpfs"), Map.of("team", "paiements ü", "x", "a\nb"),
                    AccessMode.MULTI_WRITER, ReclaimPolicy.DELETE),
            Instant.parse("2025-01-01T00:00:00.123Z"), Consistency.APPLICATION_CONSISTENT, Duration.ofMillis(420),
            1234, 20480, 7, "sha256:" + "0f".repeat(32));

    @Test
    void roundTripsThroughTheStoresPropertiesText() throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PropertiesText.write(MANIFEST.toMap(), text);

        Map<String, String> read = PropertiesText.read(new ByteArrayInputStream(text.toByteArray()));

        assertThat(SnapshotManifest.fromMap(read)).isEqualTo(MANIFEST);
        assertThat(text.toString(java.nio.charset.StandardCharsets.UTF_8)).startsWith("archiveBytes=20480\n")
                .contains("volume.label.team=paiements ü\n");
    }

    @Test
    void aNewerFormatSaysWhichBerthReadsIt() {
        Map<String, String> newer = new HashMap<>(MANIFEST.toMap());
        newer.put("format", "2");

        assertThatThrownBy(() -> SnapshotManifest.fromMap(newer)).isInstanceOf(BerthException.class)
                .hasMessageContaining("format 2").hasMessageContaining("reads format 1");
    }

    @Test
    void aDamagedManifestSaysWhatIsWrong() {
        Map<String, String> damaged = new HashMap<>(MANIFEST.toMap());
        damaged.remove("checksum");
        Map<String, String> badId = new HashMap<>(MANIFEST.toMap());
        badId.put("id", "../../etc");

        assertThatThrownBy(() -> SnapshotManifest.fromMap(damaged)).hasMessageContaining("'checksum' is missing");
        assertThatThrownBy(() -> SnapshotManifest.fromMap(badId)).hasMessageContaining("not a snapshot id");
    }
}
