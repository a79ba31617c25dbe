/** Where things are: the context of one node's engine, the Swarm's nodes and their engines, and Berth's labels, spec hashes and images on an engine. */
@NullMarked
package dev.berth.docker.internal.node;

import org.jspecify.annotations.NullMarked;
