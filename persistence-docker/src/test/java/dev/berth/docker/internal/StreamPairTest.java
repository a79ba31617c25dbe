package dev.berth.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.UnsafeArchiveException;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class StreamPairTest {

    @Test
    void theConsumerReadsWhatTheProducerWrites() throws IOException {
        long read = StreamPair.run(out -> {
            for (int i = 0; i < 100; i++) {
                out.write(new byte[10_000]);
            }
        }, in -> in.transferTo(OutputStream.nullOutputStream()));

        assertThat(read).isEqualTo(1_000_000);
    }

    @Test
    void aFailedProducerIsTheFailureEvenWhenTheConsumerThenSeesAnEarlyEnd() {
        assertThatThrownBy(() -> StreamPair.run(out -> {
            out.write(new byte[1000]);
            throw new UnsafeArchiveException("x", UnsafeArchiveException.Reason.ABSOLUTE_PATH, "test");
        }, in -> {
            in.transferTo(OutputStream.nullOutputStream());
            throw new EOFException("ended early");
        })).isInstanceOf(UnsafeArchiveException.class);
    }

    @Test
    void aFailedConsumerStopsTheProducer() {
        assertThatThrownBy(() -> StreamPair.run(out -> {
            while (true) {
                out.write(new byte[1 << 16]);
            }
        }, in -> {
            in.readNBytes(10);
            throw new IOException("consumer failed");
        })).isInstanceOf(IOException.class).hasMessage("consumer failed");
    }
}
