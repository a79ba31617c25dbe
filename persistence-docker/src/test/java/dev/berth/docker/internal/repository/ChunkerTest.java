package dev.berth.docker.internal.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Content-defined chunks: within their bounds, the same for the same bytes, and mostly the same after an edit. */
class ChunkerTest {
    private static List<String> chunks(byte[] data, int writeSize) throws IOException {
        List<String> ids = new ArrayList<>();
        Chunker chunker = new Chunker((b, off, len) -> {
            var sha = dev.berth.docker.internal.common.Sha256.digest();
            sha.update(b, off, len);
            ids.add(len + ":" + dev.berth.docker.internal.common.Sha256.hex(sha.digest()));
        });
        for (int i = 0; i < data.length; i += writeSize) {
            chunker.write(data, i, Math.min(writeSize, data.length - i));
        }
        chunker.finish();
        return ids;
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void chunksAreWithinTheirBoundsAboutTheAverageAndTheSameHoweverTheBytesArrive() throws IOException {
        byte[] data = random(64 << 20, 1);

        List<String> one = chunks(data, 1 << 16);
        List<String> other = chunks(data, 12_345);

        assertThat(one).isEqualTo(other);
        List<Integer> sizes = one.stream().map(c -> Integer.parseInt(c.substring(0, c.indexOf(':')))).toList();
        assertThat(sizes.subList(0, sizes.size() - 1)).allMatch(s -> s >= Chunker.MIN && s <= Chunker.MAX);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(data.length);
        double average = data.length / (double) sizes.size();
        assertThat(average).isBetween(0.7 * Chunker.AVERAGE, 1.6 * Chunker.AVERAGE);
    }

    @Test
    void anInsertionChangesOnlyTheChunksNextToIt() throws IOException {
        byte[] data = random(32 << 20, 2);
        byte[] edited = new byte[data.length + 100];
        int at = 17 << 20;
        System.arraycopy(data, 0, edited, 0, at);
        System.arraycopy(random(100, 3), 0, edited, at, 100);
        System.arraycopy(data, at, edited, at + 100, data.length - at);

        Set<String> before = new HashSet<>(chunks(data, 1 << 20));
        List<String> after = chunks(edited, 1 << 20);

        long fresh = after.stream().filter(c -> !before.contains(c)).count();
        assertThat(fresh).as("new chunks of " + after.size()).isLessThanOrEqualTo(2);
    }

    @Test
    void aSmallFileIsOneChunkAndAnEmptyOneNone() throws IOException {
        assertThat(chunks(random(100 * 1024, 4), 4096)).hasSize(1);
        assertThat(chunks(new byte[0], 1)).isEmpty();
    }
}
