package dev.berth.docker.internal.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the one hash Berth uses: of text, as hex, and a fresh digest for streams. */
public final class Sha256 {
    private Sha256() {
    }

    /** A fresh digest. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The hash of the text's UTF-8 bytes, in lower-case hex. */
    public static String hex(String text) {
        return hex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
