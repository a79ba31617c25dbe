/**
 * Berth's repository format in a {@link dev.berth.spi.SnapshotStore}: files split into content-defined chunks, named by
 * SHA-256, compressed with zstd, optionally sealed with AES-256-GCM, grouped into immutable pack files with an index;
 * snapshots as trees of entries and a manifest written last. Described in {@code docs/repository-format.md}. Knows
 * nothing of Docker.
 */
@NullMarked
package dev.berth.docker.internal.repository;

import org.jspecify.annotations.NullMarked;
