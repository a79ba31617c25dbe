package dev.berth;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * How far a long operation on a snapshot has come, as reported to a {@link ProgressListener}. Immutable.
 *
 * @param operation what is being done
 * @param subject the snapshot's name and id, or the volume's name
 * @param bytesDone bytes streamed so far
 * @param bytesTotal bytes to stream in all, or -1 when not known in advance (a snapshot being taken)
 * @param elapsed time since the operation started
 * @param done whether this is the last report of the operation
 */
public record Progress(Operation operation, String subject, long bytesDone, long bytesTotal, Duration elapsed,
        boolean done) {

    /** The operations that report progress. */
    public enum Operation {
        SNAPSHOT, RESTORE, VERIFY, EXPORT, IMPORT
    }

    /** The fraction done, from 0 to 1, when the total is known. */
    public OptionalDouble fraction() {
        return bytesTotal > 0 ? OptionalDouble.of(Math.min(1.0, (double) bytesDone / bytesTotal)) : OptionalDouble.empty();
    }

    /** Mebibytes per second so far. */
    public double mibPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? bytesDone / seconds / (1 << 20) : 0;
    }
}
