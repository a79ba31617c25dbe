package dev.berth.docker.internal.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The {@link Idempotence.Kind#SETTLED} calls of an engine: each create carries a label unique to its call
 * ({@link ResilientEngine#ATTEMPT_LABEL}), so that when its answer is lost the engine's state tells whether it acted
 * ({@link Settlement}); it is repeated only if it did not.
 */
final class SettledCalls {
    private final Engine engine;
    private final Attempts attempts;

    SettledCalls(Engine engine, Attempts attempts) {
        this.engine = engine;
        this.attempts = attempts;
    }

    String createContainer(ContainerDefinition definition) {
        String attempt = newAttempt();
        ContainerDefinition tagged = definition.withLabel(ResilientEngine.ATTEMPT_LABEL, attempt);
        return attempts.settled(() -> engine.createContainer(tagged), () -> Settlement.ofCreate(engine,
                definition.name(), attempt));
    }

    void startContainer(String id) {
        run(() -> engine.startContainer(id), () -> Settlement.ofStart(engine, id));
    }

    void pauseContainer(String id) {
        run(() -> engine.pauseContainer(id), () -> Settlement.ofPause(engine, id));
    }

    void unpauseContainer(String id) {
        run(() -> engine.unpauseContainer(id), () -> Settlement.ofUnpause(engine, id));
    }

    String createService(ServiceDefinition definition) {
        String attempt = newAttempt();
        ServiceDefinition tagged = definition.withLabel(ResilientEngine.ATTEMPT_LABEL, attempt);
        return attempts.settled(() -> engine.createService(tagged), () -> Settlement.ofServiceCreate(engine,
                definition.name(), attempt));
    }

    void updateService(String id, long version, ServiceDefinition definition) {
        String attempt = newAttempt();
        ServiceDefinition tagged = definition.withLabel(ResilientEngine.ATTEMPT_LABEL, attempt);
        run(() -> engine.updateService(id, version, tagged), () -> Settlement.ofServiceUpdate(engine, id,
                definition.name(), version, attempt));
    }

    String createConfig(String name, byte[] data, Map<String, String> labels) {
        String attempt = newAttempt();
        Map<String, String> tagged = new HashMap<>(labels);
        tagged.put(ResilientEngine.ATTEMPT_LABEL, attempt);
        return attempts.settled(() -> engine.createConfig(name, data, tagged), () -> Settlement.ofConfigCreate(engine,
                name, attempt));
    }

    private static String newAttempt() {
        return UUID.randomUUID().toString();
    }

    private void run(Runnable call, Supplier<Settlement<Boolean>> settle) {
        attempts.settled(() -> {
            call.run();
            return Boolean.TRUE;
        }, settle);
    }
}
