/** Across nodes: where a container goes, replica sets spread over node labels, and prune over every node. */
@NullMarked
package dev.berth.docker.internal.cluster;

import org.jspecify.annotations.NullMarked;
