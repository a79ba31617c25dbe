/** The one port to a Docker engine ({@link dev.berth.docker.internal.engine.Engine}), its docker-java adapter, the archive transport, version negotiation, failure translation, retries, settling and the circuit breaker. The only package that knows docker-java. */
@NullMarked
package dev.berth.docker.internal.engine;

import org.jspecify.annotations.NullMarked;
