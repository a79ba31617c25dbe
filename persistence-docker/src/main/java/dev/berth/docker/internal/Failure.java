package dev.berth.docker.internal;

/** What an engine failure means for the caller. */
enum Failure {
    /** Worth retrying: connection trouble, 503, a known-transient 500. */
    TRANSIENT,
    /** 404: the thing is not there (a delete counts that as done). */
    NOT_FOUND,
    /** 409: the name is taken (a create resolves it by inspecting). */
    CONFLICT,
    /** 304: already in the asked-for state. */
    NOT_MODIFIED,
    /** Any other 4xx: the input is wrong; never retried. */
    INPUT,
    /** Anything else: not retried. */
    FATAL
}
