package dev.berth.docker.internal.repository;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import dev.berth.docker.internal.common.Sha256;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * How a blob is stored: a flag byte ({@code 0} as is, {@code 1} zstd) and the bytes, then sealed ({@link Seal}).
 * Data that zstd cannot shrink is kept as is, so incompressible data costs one flag byte. Thread-safe.
 */
final class Codec {
    /** zstd's fastest regular level: most of the gain at a fraction of the default level's time. */
    private static final int LEVEL = 1;
    static final int DOCUMENT_LIMIT = 256 * 1024 * 1024;
    private static final byte RAW = 0;
    private static final byte ZSTD = 1;

    private final Seal seal;

    Codec(Seal seal) {
        this.seal = seal;
    }

    Seal seal() {
        return seal;
    }

    /**
     * What a writer that encodes chunk after chunk keeps: a buffer of zstd's bound for the largest chunk and one zstd
     * context, so that a chunk costs one allocation, of its stored size, and no context of its own (making one is a
     * third of compressing a chunk that does not shrink). Not thread-safe; closed with its writer.
     */
    static final class Scratch implements AutoCloseable {
        private final byte[] buffer = new byte[1 + (int) Zstd.compressBound(Chunker.MAX)];
        private final ZstdCompressCtx zstd = new ZstdCompressCtx().setLevel(LEVEL).setContentSize(true);

        @Override
        public void close() {
            zstd.close();
        }
    }

    static Scratch scratch() {
        return new Scratch();
    }

    /** The stored form of {@code length} bytes at {@code offset}. */
    byte[] encode(byte[] data, int offset, int length) {
        byte[] out = new byte[1 + (int) Zstd.compressBound(length)];
        long packed = Zstd.compressByteArray(out, 1, out.length - 1, data, offset, length, LEVEL);
        return sealed(data, offset, length, out, Zstd.isError(packed) ? -1 : packed);
    }

    /** The same, compressing with {@code scratch} when its buffer is large enough. */
    byte[] encode(byte[] data, int offset, int length, Scratch scratch) {
        if (scratch.buffer.length < 1 + Zstd.compressBound(length)) {
            return encode(data, offset, length);
        }
        long packed;
        try {
            packed = scratch.zstd.compressByteArray(scratch.buffer, 1, scratch.buffer.length - 1, data, offset, length);
        } catch (RuntimeException e) {
            packed = -1;
        }
        return sealed(data, offset, length, scratch.buffer, packed);
    }

    /** Sealed: the {@code packed} bytes compressed into {@code out} when that shrank them, else the data as is. */
    private byte[] sealed(byte[] data, int offset, int length, byte[] out, long packed) {
        if (packed >= 0 && packed < length) {
            out[0] = ZSTD;
            return seal.seal(out, 0, 1 + (int) packed); // a copy: out may be the scratch buffer
        }
        byte[] raw = new byte[1 + length];
        raw[0] = RAW;
        System.arraycopy(data, offset, raw, 1, length);
        return seal.seal(raw, 0, raw.length);
    }

    /**
     * The bytes of a stored blob of {@code rawLength} bytes, checked against its id when one is given.
     *
     * @throws IOException naming {@code what} when it does not open, decompress or match its id
     */
    byte[] decode(byte[] stored, int rawLength, String id, String what) throws IOException {
        return unpack(seal.open(stored, what), rawLength, id, what);
    }

    private static byte[] unpack(byte[] opened, int rawLength, String id, String what) throws IOException {
        if (opened.length == 0) {
            throw new IOException(what + " is empty: it is damaged");
        }
        byte[] raw;
        if (opened[0] == RAW && opened.length - 1 == rawLength) {
            raw = Arrays.copyOfRange(opened, 1, opened.length);
        } else if (opened[0] == ZSTD && rawLength >= 0) {
            raw = new byte[rawLength];
            long n;
            try {
                n = Zstd.decompressByteArray(raw, 0, rawLength, opened, 1, opened.length - 1);
            } catch (RuntimeException corrupt) {
                n = -1;
            }
            if (n < 0 || Zstd.isError(n) || n != rawLength) {
                throw new IOException(what + " does not decompress to its " + rawLength + " bytes: it is damaged");
            }
        } else {
            throw new IOException(what + " has an unknown form or the wrong length: it is damaged");
        }
        if (!id.isEmpty() && !id.equals(Sha256.hex(digestOf(raw)))) {
            throw new IOException(what + " is damaged: its content does not hash to its name");
        }
        return raw;
    }

    /** A document's bytes, whose length is not known in advance (at most {@value #DOCUMENT_LIMIT} bytes). */
    byte[] decodeDocument(byte[] stored, String what) throws IOException {
        byte[] opened = seal.open(stored, what);
        if (opened.length > 0 && opened[0] == RAW) {
            return Arrays.copyOfRange(opened, 1, opened.length);
        }
        if (opened.length > 0 && opened[0] == ZSTD) {
            long size;
            try {
                size = Zstd.getFrameContentSize(opened, 1, opened.length - 1);
            } catch (RuntimeException corrupt) {
                size = -1;
            }
            if (size < 0 || size > DOCUMENT_LIMIT) {
                throw new IOException(what + " does not say its size, or is too large: it is damaged");
            }
            return unpack(opened, (int) size, "", what);
        }
        throw new IOException(what + " has an unknown form: it is damaged");
    }

    private static byte[] digestOf(byte[] raw) {
        MessageDigest sha = Sha256.digest();
        return sha.digest(raw);
    }
}
