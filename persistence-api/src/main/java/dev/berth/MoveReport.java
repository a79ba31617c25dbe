package dev.berth;

import java.time.Duration;

/**
 * What a move to another node did. Immutable.
 *
 * @param from the node the data was on
 * @param to the node it is on now
 * @param downtime how long the container was not running (zero for a volume moved alone)
 * @param bytesCopied the bytes of LOCAL volumes copied (zero when every volume was GLOBAL)
 * @param filesVerified files whose checksums were compared on the target
 */
public record MoveReport(Node from, Node to, Duration downtime, long bytesCopied, long filesVerified) {
}
