/** Volumes on a node: create, adopt, delete, usage, the helper containers that reach a volume's files, and copying and verifying a volume between nodes. */
@NullMarked
package dev.berth.docker.internal.volume;

import org.jspecify.annotations.NullMarked;
