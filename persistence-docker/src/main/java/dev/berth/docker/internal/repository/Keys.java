package dev.berth.docker.internal.repository;

import java.util.regex.Pattern;

/** The repository's object keys, described in {@code docs/repository-format.md}. */
final class Keys {
    static final String CONFIG = "config";
    static final String DATA = "data/";
    static final String INDEX = "index/";
    static final String SNAPSHOTS = "snapshots/";
    static final String LOCKS = "locks/";
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private Keys() {
    }

    static boolean isHash(String s) {
        return HASH.matcher(s).matches();
    }

    static String pack(String id) {
        return DATA + id.substring(0, 2) + "/" + id;
    }

    /** The pack id of a key under {@code data/}, or empty for anything else. */
    static String packOf(String key) {
        String id = key.substring(key.lastIndexOf('/') + 1);
        return key.startsWith(DATA) && isHash(id) && key.equals(pack(id)) ? id : "";
    }
}
