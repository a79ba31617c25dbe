/**
 * The service provider interface: how {@link dev.berth.Berth#connect()} finds an implementation with
 * {@link java.util.ServiceLoader}.
 */
@NullMarked
package dev.berth.spi;

import org.jspecify.annotations.NullMarked;
