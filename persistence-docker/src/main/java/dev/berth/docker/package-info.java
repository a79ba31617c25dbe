/** Berth's implementation over the Docker Engine API. Users need nothing from here but the jar on the class path. */
@NullMarked
package dev.berth.docker;

import org.jspecify.annotations.NullMarked;
