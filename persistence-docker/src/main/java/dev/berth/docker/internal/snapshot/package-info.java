/** Taking, storing, checking, restoring, exporting and importing snapshots, and holding the writers still while one is taken. */
@NullMarked
package dev.berth.docker.internal.snapshot;

import org.jspecify.annotations.NullMarked;
