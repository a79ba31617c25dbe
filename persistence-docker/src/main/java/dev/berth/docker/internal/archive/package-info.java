/** Tar streams: reading, writing, guarding entries against tar-slip, per-file digests, progress. Pure: streams in, streams out; no engine. */
@NullMarked
package dev.berth.docker.internal.archive;

import org.jspecify.annotations.NullMarked;
