/**
 * Not exported: the implementation. The root holds the wiring ({@link dev.berth.docker.internal.DockerBerth} and the
 * builders behind {@code berth.volume(...)}, {@code berth.container(...)} and {@code berth.replicaSet(...)}); the parts
 * live in packages by responsibility, each importing only those below it: {@code common}, {@code engine} and
 * {@code archive} at the bottom, then {@code node}, {@code volume}, {@code guard}, {@code container}, {@code snapshot}
 * and {@code cluster}. {@code LayersTest} enforces it.
 */
@NullMarked
package dev.berth.docker.internal;

import org.jspecify.annotations.NullMarked;
