package dev.berth.docker.internal.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 request body in chunked transfer encoding. Buffers up to {@value #CHUNK} bytes, so the engine gets a
 * few large chunks rather than one per small write; {@link #finish()} writes the last chunk.
 */
final class ChunkedOutput extends OutputStream {
    static final int CHUNK = 1 << 18;
    private final OutputStream out;
    private final byte[] buffer = new byte[CHUNK];
    private int count;
    private boolean finished;

    ChunkedOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buffer.length) {
            flushChunk();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (count == 0 && len >= buffer.length) {
                writeChunk(b, off, len); // large writes skip the copy
                return;
            }
            int n = Math.min(len, buffer.length - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
            if (count == buffer.length) {
                flushChunk();
            }
        }
    }

    private void flushChunk() throws IOException {
        if (count > 0) {
            writeChunk(buffer, 0, count);
            count = 0;
        }
    }

    private void writeChunk(byte[] b, int off, int len) throws IOException {
        out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b, off, len);
        out.write(CRLF);
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /** Writes what is buffered and the last, empty chunk; the body is complete. */
    void finish() throws IOException {
        if (!finished) {
            flushChunk();
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            finished = true;
        }
    }

    @Override
    public void flush() throws IOException {
        flushChunk();
        out.flush();
    }

    /** Does not finish the body: a body abandoned half-way must not look complete to the engine. */
    @Override
    public void close() {
    }
}
