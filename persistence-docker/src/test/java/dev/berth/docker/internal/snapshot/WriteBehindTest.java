package dev.berth.docker.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.docker.internal.archive.ArchiveReader;
import dev.berth.docker.internal.archive.ArchiveRecord;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The restore's writes on a thread of their own: in order, finished last, bounded, and failures come back. */
class WriteBehindTest {
    private static ArchiveRecord file(String path, long size) {
        return new ArchiveRecord(path, ArchiveRecord.Kind.FILE, 0644, 0, 0, 0, size, "", "");
    }

    @Test
    void writesEverythingInOrderThenFinishesOnTheWritingThread() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        ArchiveReader.Visitor target = new ArchiveReader.Visitor() {
            @Override
            public void entry(ArchiveRecord header) {
                seen.add(header.path());
            }

            @Override
            public void content(byte[] buffer, int offset, int length) {
                seen.add(new String(buffer, offset, length, java.nio.charset.StandardCharsets.UTF_8));
            }
        };
        byte[] reused = "abc".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (WriteBehind behind = new WriteBehind(target, () -> seen.add("finished on " + Thread.currentThread()
                .getName()))) {
            behind.entry(file("a", 3));
            behind.content(reused, 0, 3);
            reused[0] = 'x'; // a replay may reuse its buffer as soon as content() returns
            behind.entry(file("b", 2));
            behind.content(reused, 1, 2);
            behind.finish();
        }

        assertThat(seen).containsExactly("a", "abc", "b", "bc", "finished on berth-restore-write");
    }

    @Test
    void theWritingThreadsFailureIsThrownHereAndNothingIsWrittenAfterIt() throws IOException {
        List<String> written = new CopyOnWriteArrayList<>();
        ArchiveReader.Visitor target = new ArchiveReader.Visitor() {
            @Override
            public void entry(ArchiveRecord header) throws IOException {
                if (header.path().equals("full")) {
                    throw new IOException("No space left on device");
                }
                written.add(header.path());
            }
        };
        try (WriteBehind behind = new WriteBehind(target, () -> written.add("finished"))) {
            behind.entry(file("a", 0));
            behind.entry(file("full", 0));
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100_000; i++) {
                    behind.entry(file("after-" + i, 0));
                }
                behind.finish();
            }).isInstanceOf(IOException.class).hasMessage("No space left on device");
        }
        assertThat(written).containsExactly("a");
    }

    @Test
    void atMostItsLimitWaitsBetweenTheThreads() throws IOException {
        AtomicLong handed = new AtomicLong();
        AtomicLong writtenBytes = new AtomicLong();
        AtomicLong mostWaiting = new AtomicLong();
        ArchiveReader.Visitor slow = new ArchiveReader.Visitor() {
            @Override
            public void content(byte[] buffer, int offset, int length) throws IOException {
                mostWaiting.accumulateAndGet(handed.get() - writtenBytes.get(), Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                writtenBytes.addAndGet(length);
            }
        };
        byte[] chunk = new byte[1 << 20];
        try (WriteBehind behind = new WriteBehind(slow, () -> { })) {
            behind.entry(file("big", 64L << 20));
            for (int i = 0; i < 64; i++) {
                behind.content(chunk, 0, chunk.length);
                handed.addAndGet(chunk.length);
            }
            behind.finish();
        }

        assertThat(writtenBytes.get()).isEqualTo(64L << 20);
        assertThat(mostWaiting.get()).isBetween(1L << 20, (long) WriteBehind.LIMIT + chunk.length);
    }
}
