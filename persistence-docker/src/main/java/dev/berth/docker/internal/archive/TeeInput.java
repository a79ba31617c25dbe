package dev.berth.docker.internal.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copies every byte read, and every byte skipped, to a second stream, so that the copy is exact. */
public final class TeeInput extends FilterInputStream {
    private final OutputStream copy;
    private long count;

    public TeeInput(InputStream in, OutputStream copy) {
        super(in);
        this.copy = copy;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            copy.write(b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            copy.write(b, off, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] skipped = new byte[(int) Math.min(n, 1 << 16)];
        long done = 0;
        while (done < n) {
            int r = read(skipped, 0, (int) Math.min(skipped.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    /** Reads what is left to the end, so that the copy is complete. */
    public void drain() throws IOException {
        byte[] rest = new byte[1 << 16];
        while (read(rest, 0, rest.length) >= 0) {
            // copied by read
        }
    }

    /** Bytes copied so far. */
    public long count() {
        return count;
    }
}
