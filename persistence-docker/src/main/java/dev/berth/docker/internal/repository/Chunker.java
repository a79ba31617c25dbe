package dev.berth.docker.internal.repository;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Splits what is written to it into content-defined chunks with FastCDC (Xia et al., 2016): a gear hash over the last
 * 64 bytes, a cut where its top bits are zero, a harder mask before the average size and an easier one after it
 * (normalised chunking). Chunks are {@value #MIN} to {@value #MAX} bytes, about {@value #AVERAGE} on average, and an
 * edit moves only the cuts next to it; a stream shorter than {@value #MIN} bytes is one chunk. Holds one buffer of
 * {@value #MAX} bytes; not thread-safe.
 */
final class Chunker {
    static final int MIN = 512 * 1024;
    static final int AVERAGE = 1024 * 1024;
    static final int MAX = 8 * 1024 * 1024;
    /** Fixed by the format: the same bytes are cut at the same places in every repository, so they deduplicate. */
    private static final long[] GEAR = gear(0x6265727468L);
    /** 22 top bits before the average size, 18 after it: normalisation level 2 for an average of 2^20 bytes. */
    private static final long HARD = -1L << (64 - 22);
    private static final long EASY = -1L << (64 - 18);

    /** Receives each chunk; the bytes are valid only during the call. */
    interface Chunks {
        void chunk(byte[] buffer, int offset, int length) throws IOException;
    }

    private final Chunks out;
    private final byte[] buffer = new byte[MAX];
    private int end;

    Chunker(Chunks out) {
        this.out = out;
    }

    void write(byte[] b, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, MAX - end);
            System.arraycopy(b, offset, buffer, end, n);
            end += n;
            offset += n;
            length -= n;
            if (end == MAX) {
                emit(false);
            }
        }
    }

    /** Cuts what is left into its last chunks; the chunker can then take the next stream. */
    void finish() throws IOException {
        emit(true);
    }

    private void emit(boolean all) throws IOException {
        int start = 0;
        while (start < end && (all || end - start >= MAX)) {
            int length = cut(buffer, start, end - start);
            out.chunk(buffer, start, length);
            start += length;
        }
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
    }

    /** The length of the chunk that starts at {@code from}, of at most {@code available} bytes. */
    static int cut(byte[] b, int from, int available) {
        int n = Math.min(available, MAX);
        if (n <= MIN) {
            return n;
        }
        long fp = 0;
        // Only the last 64 bytes count, so hashing starts 64 bytes before the first place a cut is allowed.
        for (int j = MIN - 64; j < MIN; j++) {
            fp = (fp << 1) + GEAR[b[from + j] & 0xff];
        }
        int i = MIN;
        int barrier = Math.min(AVERAGE, n);
        for (; i < barrier; i++) {
            fp = (fp << 1) + GEAR[b[from + i] & 0xff];
            if ((fp & HARD) == 0) {
                return i + 1;
            }
        }
        for (; i < n; i++) {
            fp = (fp << 1) + GEAR[b[from + i] & 0xff];
            if ((fp & EASY) == 0) {
                return i + 1;
            }
        }
        return n;
    }

    private static long[] gear(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] table = new long[256];
        for (int i = 0; i < table.length; i++) {
            table[i] = random.nextLong();
        }
        return table;
    }
}
