package dev.berth.docker.internal.fake;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Ids in the shapes the engine gives them (64 hex digits for containers and volumes, 25 base-36 characters for Swarm
 * objects, {@code sha256:} digests for images), drawn from a counter so that every run of a test sees the same ones.
 */
final class Ids {
    private long next;

    synchronized String hex64(String kind) {
        return HexFormat.of().formatHex(sha256(kind + " " + ++next));
    }

    synchronized String swarmObject(String kind) {
        String base36 = new BigInteger(1, sha256(kind + " " + ++next)).toString(36);
        return (base36 + "0".repeat(25)).substring(0, 25);
    }

    static String imageId(String reference) {
        return "sha256:" + HexFormat.of().formatHex(sha256("image " + reference));
    }

    static String engineId(int node) {
        return UUID.nameUUIDFromBytes(("engine " + node).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
