package dev.berth.docker.internal.fake;

import dev.berth.EngineCallException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The way every call reaches a node: written in its call log, counted and shaped by its {@link Faults} (hooks,
 * meetings and delays without the lock), refused when the node is down, then done under the swarm's one lock, after
 * which the swarm settles. Whatever runs after the lock (an exec's script, an upload's body) runs without it. A
 * {@link Refusal} leaves as the {@link EngineCallException} the real adapter would throw: the operation, the endpoint,
 * the status and the engine's words.
 */
final class NodeCalls {
    private final FakeSwarm swarm;
    private final NodeEngine node;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    NodeCalls(FakeSwarm swarm, NodeEngine node) {
        this.swarm = swarm;
        this.node = node;
    }

    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    void clearLog() {
        log.clear();
    }

    void run(String call, String operation, Runnable locked) {
        call(call, operation, () -> {
            locked.run();
            return null;
        });
    }

    <T> T call(String call, String operation, Supplier<T> locked) {
        return call(call, operation, locked, (value, plan) -> value);
    }

    <T, R> R call(String call, String operation, Supplier<T> locked, BiFunction<T, Faults.Plan, R> unlocked) {
        log.add(call);
        Faults.Plan plan = node.faults().enter(call);
        plan.beforeActing();
        R result;
        try {
            T value;
            synchronized (swarm) {
                if (!node.isUp()) {
                    throw exception(operation, Refusal.down(node.id()));
                }
                if (plan.failure() != null) {
                    throw exception(operation, Refusal.injected(plan.failure()));
                }
                swarm.tick();
                try {
                    value = locked.get();
                } finally {
                    swarm.settle();
                }
            }
            result = unlocked.apply(value, plan);
        } catch (Refusal refusal) {
            throw exception(operation, plan.losesAnswer() ? Refusal.lost() : refusal);
        }
        if (plan.losesAnswer()) {
            throw exception(operation, Refusal.lost());
        }
        return result;
    }

    private EngineCallException exception(String operation, Refusal r) {
        String endpoint = node.endpoint();
        String message;
        if (r.status > 0) {
            message = "The engine at " + endpoint + " could not " + operation + " (HTTP " + r.status + ": "
                    + r.getMessage() + ")";
        } else if (r.reason.isTransient()) {
            message = "The engine at " + endpoint + " did not answer to " + operation + " (" + r.getMessage() + ")";
        } else {
            message = "Could not " + operation + " at " + endpoint + ": " + r.getMessage();
        }
        return new EngineCallException(r.reason, operation, endpoint, r.status, message);
    }
}
