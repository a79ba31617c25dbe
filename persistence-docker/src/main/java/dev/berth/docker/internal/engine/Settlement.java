package dev.berth.docker.internal.engine;

import dev.berth.EngineCallException.Reason;
import dev.berth.EngineCallException;
import org.jspecify.annotations.Nullable;

/**
 * What the engine's state says of a call whose answer was lost: it acted (and this is its result), it did not act
 * (so it may be made again), or something else now holds what it was to make.
 */
final class Settlement<T> {
    private enum Kind { ACTED, NOT_ACTED, TAKEN, GONE }

    private final Kind kind;
    private final @Nullable T result;
    private final String what;

    private Settlement(Kind kind, @Nullable T result, String what) {
        this.kind = kind;
        this.result = result;
        this.what = what;
    }

    static <T> Settlement<T> acted(@Nullable T result) {
        return new Settlement<>(Kind.ACTED, result, "");
    }

    static <T> Settlement<T> notActed() {
        return new Settlement<>(Kind.NOT_ACTED, null, "");
    }

    /** Something other than the lost call holds {@code what}. */
    static <T> Settlement<T> taken(String what) {
        return new Settlement<>(Kind.TAKEN, null, what);
    }

    static <T> Settlement<T> gone(String what) {
        return new Settlement<>(Kind.GONE, null, what);
    }

    /** The call's result when it acted; the lost answer again (so that it is retried) when it did not; else why not. */
    @SuppressWarnings("NullAway")
    T resolve(EngineCallException lost) {
        return switch (kind) {
            case ACTED -> result;
            case NOT_ACTED -> throw lost;
            case TAKEN -> throw new EngineCallException(Reason.CONFLICT, lost.operation(), lost.endpoint(), 409,
                    "The answer to '" + lost.operation() + "' at " + lost.endpoint() + " was lost, and the engine "
                            + "shows " + what + " held by another call: Berth does not take it over. Check who made it.");
            case GONE -> throw new EngineCallException(Reason.NOT_FOUND, lost.operation(), lost.endpoint(), 404,
                    "The answer to '" + lost.operation() + "' at " + lost.endpoint() + " was lost, and " + what
                            + " is gone since: it was removed meanwhile. Create or start it again through Berth.");
        };
    }

    /** A container create: acted if the name is held by the container this attempt labelled. */
    static Settlement<String> ofCreate(Engine engine, String name, String attempt) {
        return engine.inspectContainer(name).filter(c -> c.name().equals(name))
                .map(c -> attempt.equals(c.labels().get(ResilientEngine.ATTEMPT_LABEL)) ? acted(c.id())
                        : Settlement.<String>taken("container name " + name))
                .orElseGet(Settlement::notActed);
    }

    /** A start: acted once the container has left the created state. */
    static Settlement<Boolean> ofStart(Engine engine, String id) {
        return state(engine, id).map(s -> "created".equals(s) ? Settlement.<Boolean>notActed() : acted(true))
                .orElseGet(() -> gone("container " + id));
    }

    static Settlement<Boolean> ofPause(Engine engine, String id) {
        return state(engine, id).map(s -> switch (s) {
            case "paused" -> acted(true);
            case "running" -> Settlement.<Boolean>notActed();
            default -> Settlement.<Boolean>taken("container " + id + ", which is " + s + ",");
        }).orElseGet(() -> gone("container " + id));
    }

    static Settlement<Boolean> ofUnpause(Engine engine, String id) {
        return state(engine, id).map(s -> "paused".equals(s) ? Settlement.<Boolean>notActed() : acted(true))
                .orElseGet(() -> gone("container " + id));
    }

    static Settlement<String> ofServiceCreate(Engine engine, String name, String attempt) {
        return engine.findService(name)
                .map(s -> attempt.equals(s.spec().labels().get(ResilientEngine.ATTEMPT_LABEL)) ? acted(s.id())
                        : Settlement.<String>taken("service name " + name))
                .orElseGet(Settlement::notActed);
    }

    /** A config create: acted if the name is held by the config this attempt labelled. */
    static Settlement<String> ofConfigCreate(Engine engine, String name, String attempt) {
        return engine.configs(java.util.Map.of()).stream().filter(c -> c.name().equals(name)).findFirst()
                .map(c -> attempt.equals(c.labels().get(ResilientEngine.ATTEMPT_LABEL)) ? acted(c.id())
                        : Settlement.<String>taken("config name " + name))
                .orElseGet(Settlement::notActed);
    }

    /** An update: acted if the service carries this attempt's label; not acted while its version is unchanged. */
    static Settlement<Boolean> ofServiceUpdate(Engine engine, String id, String name, long version, String attempt) {
        return engine.findService(name).filter(s -> s.id().equals(id))
                .map(s -> attempt.equals(s.spec().labels().get(ResilientEngine.ATTEMPT_LABEL)) ? acted(true)
                        : s.version() == version ? Settlement.<Boolean>notActed()
                        : Settlement.<Boolean>taken("service " + name + ", changed by someone else,"))
                .orElseGet(() -> gone("service " + name));
    }

    private static java.util.Optional<String> state(Engine engine, String id) {
        return engine.inspectContainer(id).map(ContainerInfo::state);
    }

    static RuntimeException unknown(EngineCallException lost) {
        return new dev.berth.BerthException("The answer to '" + lost.operation() + "' at " + lost.endpoint()
                + " was lost, and its state could not be read to tell whether it acted. Check the engine's state "
                + "before trying again.", lost);
    }
}
