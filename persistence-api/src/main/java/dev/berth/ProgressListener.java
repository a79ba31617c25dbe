package dev.berth;

/**
 * Receives {@link Progress} reports of long snapshot operations (snapshot, restore, verify, export, import): every
 * few mebibytes and once at the end. Set one with {@link BerthSettings.Builder#progressListener(ProgressListener)}.
 * Called on the thread doing the work, so it must be quick and thread-safe; an exception it throws is logged, never
 * passed on.
 */
@FunctionalInterface
public interface ProgressListener {

    void onProgress(Progress progress);

    /** A listener that ignores every report. */
    static ProgressListener none() {
        return progress -> {
        };
    }
}
