/** What every layer shares: the one SHA-256 and the one way to wait with a deadline. Imports nothing of Berth's but its API. */
@NullMarked
package dev.berth.docker.internal.common;

import org.jspecify.annotations.NullMarked;
