package dev.berth.docker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkedStreamsTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4095, ChunkedOutput.CHUNK, ChunkedOutput.CHUNK * 3 + 17})
    void whatIsWrittenChunkedReadsBackTheSame(int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChunkedOutput out = new ChunkedOutput(wire);
        out.write(data, 0, Math.min(size, 100));
        if (size > 100) {
            out.write(data, 100, size - 100);
        }
        out.finish();

        byte[] read = new ChunkedInputStream(new ByteArrayInputStream(wire.toByteArray())).readAllBytes();

        assertThat(read).isEqualTo(data);
        assertThat(wire.toString(StandardCharsets.US_ASCII)).endsWith("0\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5\r\nhello\r\n0\r\n\r\n", "3;ext=1\r\nhel\r\n2\r\nlo\r\n0\r\n\r\n"})
    void readsTheEnginesChunks(String wire) throws IOException {
        ChunkedInputStream in = new ChunkedInputStream(new ByteArrayInputStream(wire.getBytes(StandardCharsets.US_ASCII)));

        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello");
    }

    @ParameterizedTest
    @ValueSource(ints = {10})
    void anAbandonedBodyNeverLooksComplete(int size) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (ChunkedOutput out = new ChunkedOutput(wire)) {
            out.write(new byte[size]);
        }

        assertThat(wire.toString(StandardCharsets.US_ASCII)).doesNotContain("0\r\n\r\n");
    }
}
