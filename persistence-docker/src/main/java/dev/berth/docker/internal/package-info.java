/** Not exported: the implementation's parts. */
@NullMarked
package dev.berth.docker.internal;

import org.jspecify.annotations.NullMarked;
