/**
 * Berth: containers are cattle, data is not.
 *
 * <p>Start with {@link dev.berth.Berth#connect()}. Every type here is {@code @NullMarked}: parameters and results
 * are never null unless annotated; "may be absent" is an {@link java.util.Optional}, collections are never null
 * but may be empty.
 */
@NullMarked
package dev.berth;

import org.jspecify.annotations.NullMarked;
