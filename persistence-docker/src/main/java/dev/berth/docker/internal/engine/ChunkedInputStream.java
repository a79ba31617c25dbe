package dev.berth.docker.internal.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Decodes an HTTP/1.1 chunked body. */
final class ChunkedInputStream extends FilterInputStream {
    private long remaining;
    private boolean done;

    ChunkedInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (remaining == 0) {
            String size = HttpConnection.line(in);
            if (size.isEmpty()) {
                size = HttpConnection.line(in);
            }
            remaining = Long.parseLong(size.split(";", 2)[0].strip(), 16);
            if (remaining == 0) {
                done = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new IOException("The engine closed the connection mid-chunk");
        }
        remaining -= n;
        return n;
    }
}
