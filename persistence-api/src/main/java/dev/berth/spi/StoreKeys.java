package dev.berth.spi;

import java.util.regex.Pattern;

/**
 * The keys of a {@link SnapshotStore}: made of {@code [A-Za-z0-9/._-]}, at most 200 characters, never starting with
 * {@code /} or {@code .}, with no empty or {@code ..} segment. A store checks each key it is given, so that no key
 * reaches outside it, whatever wrote the repository's documents that name it.
 */
public final class StoreKeys {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9/._-]{0,199}");

    private StoreKeys() {
    }

    /**
     * Returns the key when it is one.
     *
     * @throws IllegalArgumentException when it is not
     */
    public static String require(String key) {
        if (key == null || !KEY.matcher(key).matches() || key.contains("..") || key.contains("//")
                || key.endsWith("/")) {
            throw new IllegalArgumentException("'" + key + "' is not a snapshot store key");
        }
        return key;
    }
}
