/** A stateful container: its two incarnations (a plain container, a one-task Swarm service), readiness, and moves between nodes. */
@NullMarked
package dev.berth.docker.internal.container;

import org.jspecify.annotations.NullMarked;
