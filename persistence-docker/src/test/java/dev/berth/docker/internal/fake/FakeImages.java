package dev.berth.docker.internal.fake;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The images one engine holds, found by reference or by id (whole, or a prefix of its digest). A reference without a
 * tag names its {@code latest}, and {@code docker.io/library/} is implied, as Docker reads references.
 */
final class FakeImages {
    private final Map<String, String> idsByReference = new LinkedHashMap<>();

    String add(String reference) {
        return idsByReference.computeIfAbsent(normalize(reference), Ids::imageId);
    }

    Optional<String> id(String referenceOrId) {
        String byReference = idsByReference.get(normalize(referenceOrId));
        if (byReference != null) {
            return Optional.of(byReference);
        }
        String hex = referenceOrId.startsWith("sha256:") ? referenceOrId.substring(7) : referenceOrId;
        if (hex.length() < 4 || !hex.matches("[0-9a-f]+")) {
            return Optional.empty();
        }
        return idsByReference.values().stream().filter(id -> id.substring(7).startsWith(hex)).findFirst();
    }

    static String normalize(String reference) {
        String r = reference.replaceFirst("^docker\\.io/(library/)?", "");
        if (r.contains("@")) {
            return r;
        }
        return r.indexOf(':', r.lastIndexOf('/') + 1) >= 0 ? r : r + ":latest";
    }
}
