package dev.berth.docker.internal.node;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels Berth puts on what it creates, so that it can be found, compared and cleaned without touching
 * anything else. Never a secret in them.
 */
public final class Labels {
    public static final String PREFIX = "dev.berth.";
    public static final String MANAGED_BY = PREFIX + "managed-by";
    public static final String MANAGED_BY_VALUE = "berth";
    public static final String SPEC_HASH = PREFIX + "spec-hash";
    public static final String ACCESS_MODE = PREFIX + "access-mode";
    /** The scope a volume's user declared (its driver reports {@code local} for shared storage). */
    public static final String SCOPE = PREFIX + "scope";
    public static final String RECLAIM_POLICY = PREFIX + "reclaim-policy";
    /** The logical name of a Berth container (its Docker name may be reused by later incarnations). */
    public static final String CONTAINER = PREFIX + "container";

    private Labels() {
    }

    /**
     * The labels of something Berth makes: the connection's ({@code settingsLabels}), the user's, and Berth's own
     * mark; the caller adds what is particular to it.
     */
    public static Map<String, String> forNew(Map<String, String> settingsLabels, Map<String, String> userLabels) {
        Map<String, String> labels = new LinkedHashMap<>(settingsLabels);
        labels.putAll(userLabels);
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        return labels;
    }

    /** The labels given, and Berth's own mark: a filter for what Berth made. */
    public static Map<String, String> managed(Map<String, String> labels) {
        Map<String, String> filter = new LinkedHashMap<>(labels);
        filter.put(MANAGED_BY, MANAGED_BY_VALUE);
        return filter;
    }

    public static boolean isManaged(Map<String, String> labels) {
        return labels != null && MANAGED_BY_VALUE.equals(labels.get(MANAGED_BY));
    }

    /** The labels a user gave, without Berth's own and without the connection's ({@code settingsLabels}). */
    public static Map<String, String> userLabels(Map<String, String> labels, Map<String, String> settingsLabels) {
        Map<String, String> user = new LinkedHashMap<>();
        if (labels != null) {
            labels.forEach((k, v) -> {
                if (!k.startsWith(PREFIX) && !settingsLabels.containsKey(k)) {
                    user.put(k, v);
                }
            });
        }
        return user;
    }
}
