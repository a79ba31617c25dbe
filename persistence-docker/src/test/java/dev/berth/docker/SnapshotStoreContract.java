package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.spi.SnapshotStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TCK of {@link SnapshotStore}, the object store that Berth's repository lives in: every implementation must pass
 * it. Extend it and return a new, empty store from {@link #newStore()}.
 */
public abstract class SnapshotStoreContract {
    private SnapshotStore store;

    /** A new, empty store. */
    protected abstract SnapshotStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private String read(String key) throws IOException {
        try (InputStream in = store.get(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anObjectIsReadBackWholeOrByRange() throws IOException {
        assertThat(store.put("data/ab/one", text("0123456789"), 10)).isTrue();

        assertThat(read("data/ab/one")).isEqualTo("0123456789");
        try (InputStream in = store.get("data/ab/one", 3, 4)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("3456");
        }
        assertThatThrownBy(() -> store.get("data/ab/one", 8, 4).readAllBytes()).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> store.get("data/ab/missing")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aPutIsCreateOnlyAndLeavesTheFirstObjectAsItWas() throws IOException {
        assertThat(store.put("snapshots/s1", text("first"), 5)).isTrue();

        assertThat(store.put("snapshots/s1", text("second"), 6)).isFalse();
        assertThat(read("snapshots/s1")).isEqualTo("first");
    }

    @Test
    void aPutWhoseDataEndsEarlyOrFailsHalfWayLeavesNothing() throws IOException {
        assertThatThrownBy(() -> store.put("index/short", text("abc"), 10)).isInstanceOf(IOException.class);
        InputStream failing = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ >= 1000) {
                    throw new IOException("the writer died");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> store.put("index/crashed", failing, 5000)).isInstanceOf(IOException.class);

        assertThat(store.list("index/")).isEmpty();
        assertThatThrownBy(() -> store.get("index/crashed")).isInstanceOf(NoSuchFileException.class);
        assertThat(store.put("index/crashed", text("whole"), 5)).as("the key is still free").isTrue();
    }

    @Test
    void listingByPrefixAndDeleting() throws IOException {
        store.put("data/00/a", text("a"), 1);
        store.put("data/ff/b", text("b"), 1);
        store.put("locks/write.1.x", text("l"), 1);
        store.put("locks/gc.2.y", text("l"), 1);

        assertThat(store.list("data/")).containsExactlyInAnyOrder("data/00/a", "data/ff/b");
        assertThat(store.list("locks/write.")).containsExactly("locks/write.1.x");
        assertThat(store.list("")).hasSize(4);
        assertThat(store.delete("data/00/a")).isTrue();
        assertThat(store.delete("data/00/a")).as("gone is a no-op").isFalse();
        assertThat(store.list("data/")).containsExactly("data/ff/b");
    }

    @Test
    void ofConcurrentWritersOfOneKeyExactlyOneMakesItAndItIsWhole() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 20; round++) {
                String key = "snapshots/race-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> made = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    String body = ("writer-" + w + "-").repeat(10_000);
                    made.add(pool.submit(() -> {
                        go.await();
                        return store.put(key, text(body), body.length());
                    }));
                }
                go.countDown();
                int winners = 0;
                for (Future<Boolean> f : made) {
                    winners += f.get() ? 1 : 0;
                }
                assertThat(winners).as("round " + round).isEqualTo(1);
                String stored = read(key);
                assertThat(stored).hasSize(("writer-0-").length() * 10_000);
                assertThat(stored).isEqualTo(stored.substring(0, 9).repeat(10_000));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentWritersOfDistinctKeysAllLand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> made = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String key = "data/" + String.format("%02x", i % 256) + "/object-" + i;
                made.add(pool.submit(() -> store.put(key, text(key), key.length())));
            }
            for (Future<Boolean> f : made) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.list("data/")).hasSize(200);
    }
}
