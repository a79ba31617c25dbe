/**
 * The testkit: {@link dev.berth.testkit.PersistentContainer @PersistentContainer} starts a container on a fresh
 * volume for a test, {@link dev.berth.testkit.Disruption}s do to it what production will, and
 * {@link dev.berth.testkit.PersistenceAssertions} proves that the data survived.
 */
@NullMarked
package dev.berth.testkit;

import org.jspecify.annotations.NullMarked;
