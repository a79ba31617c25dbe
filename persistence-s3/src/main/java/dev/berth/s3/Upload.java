package dev.berth.s3;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * An object's bytes, whole before anything is sent: held in memory when small, spooled to a temporary file when not,
 * with their MD5 (sent as {@code Content-MD5}, so that the server refuses what the wire damaged, and compared with the
 * ETag after a lost answer). A source that ends early or fails leaves nothing sent. A retried request reads it again.
 */
final class Upload implements AutoCloseable {
    /** Bodies up to this size stay in memory. */
    static final int IN_MEMORY = 8 << 20;

    private final byte[] bytes;
    private final Path file;
    private final boolean owned;
    private final long length;
    private final byte[] md5;

    private Upload(byte[] bytes, Path file, boolean owned, long length, byte[] md5) {
        this.bytes = bytes;
        this.file = file;
        this.owned = owned;
        this.length = length;
        this.md5 = md5;
    }

    /** Reads exactly {@code length} bytes of {@code data}. */
    static Upload read(InputStream data, long length, String key) throws IOException {
        MessageDigest md5 = md5();
        DigestInputStream in = new DigestInputStream(data, md5);
        if (length <= IN_MEMORY) {
            byte[] bytes = in.readNBytes((int) length);
            if (bytes.length != length) {
                throw short_(key, bytes.length, length);
            }
            return new Upload(bytes, null, false, length, md5.digest());
        }
        Path spool = Files.createTempFile("berth-s3-", ".part");
        try {
            long copied;
            try (OutputStream out = Files.newOutputStream(spool)) {
                copied = copy(in, out, length);
            }
            if (copied != length) {
                throw short_(key, copied, length);
            }
            return new Upload(null, spool, true, length, md5.digest());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
    }

    /** A file as it is; it stays where it is. */
    static Upload of(Path file) throws IOException {
        MessageDigest md5 = md5();
        long length;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
            length = copy(in, OutputStream.nullOutputStream(), Long.MAX_VALUE);
        }
        return new Upload(null, file, false, length, md5.digest());
    }

    private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long copied = 0;
        int n;
        while (copied < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied))) > 0) {
            out.write(buffer, 0, n);
            copied += n;
        }
        return copied;
    }

    private static EOFException short_(String key, long got, long length) {
        return new EOFException("the data for '" + key + "' has " + got + " bytes, not " + length
                + ": nothing was written");
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
    }

    long length() {
        return length;
    }

    String contentMd5() {
        return Base64.getEncoder().encodeToString(md5);
    }

    /** The ETag S3 gives an object put in one request with these bytes. */
    String etag() {
        return "\"" + java.util.HexFormat.of().formatHex(md5) + "\"";
    }

    RequestBody body() {
        return bytes != null ? RequestBody.fromBytes(bytes) : RequestBody.fromFile(file);
    }

    /** A part of a multipart upload (only for bodies in a file), read into memory. */
    RequestBody part(long offset, int size) throws IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(size);
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                // reads on
            }
            return RequestBody.fromBytes(java.util.Arrays.copyOf(buffer.array(), buffer.position()));
        }
    }

    boolean inFile() {
        return file != null;
    }

    @Override
    public void close() throws IOException {
        if (owned) {
            Files.deleteIfExists(file);
        }
    }
}
