/** The single-writer guard: who holds a volume, and who may start writing to it. */
@NullMarked
package dev.berth.docker.internal.guard;

import org.jspecify.annotations.NullMarked;
