package dev.berth.docker.internal.fake;

import dev.berth.EngineCallException.Reason;

/**
 * What an engine answers when it refuses a call: a reason, the HTTP status (0 when it did not answer at all) and the
 * engine's own words. The node's {@link NodeCalls} turns it into the {@link dev.berth.EngineCallException} a caller
 * sees, naming the operation and the endpoint as the real adapter does.
 */
final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final Reason reason;
    final int status;

    Refusal(Reason reason, int status, String engineMessage) {
        super(engineMessage, null, false, false);
        this.reason = reason;
        this.status = status;
    }

    static Refusal notFound(String engineMessage) {
        return new Refusal(Reason.NOT_FOUND, 404, engineMessage);
    }

    static Refusal conflict(String engineMessage) {
        return new Refusal(Reason.CONFLICT, 409, engineMessage);
    }

    static Refusal invalid(String engineMessage) {
        return new Refusal(Reason.INVALID, 400, engineMessage);
    }

    static Refusal failed(String engineMessage) {
        return new Refusal(Reason.FAILED, 500, engineMessage);
    }

    static Refusal noSuchContainer(String idOrName) {
        return notFound("No such container: " + idOrName);
    }

    static Refusal notRunning(String id) {
        return conflict("Container " + id + " is not running");
    }

    static Refusal notManager() {
        return new Refusal(Reason.FAILED, 503, "This node is not a swarm manager. Use \"docker swarm init\" or "
                + "\"docker swarm join\" to connect this node to swarm and try again.");
    }

    static Refusal down(String node) {
        return new Refusal(Reason.UNREACHABLE, 0, "Connection refused: " + node + " is down");
    }

    static Refusal lost() {
        return new Refusal(Reason.UNREACHABLE, 0, "Connection reset: the answer was lost");
    }

    /** The failure a test asked for with {@link Faults#fail}, as an engine would give it. */
    static Refusal injected(Reason reason) {
        String words = reason == Reason.BUSY ? "device or resource busy" : reason.name().toLowerCase(java.util.Locale.ROOT);
        return new Refusal(reason, statusOf(reason), words + " (a fault injected by the test)");
    }

    /** The status an engine answers with for a failure of this kind; 0 when it did not answer. */
    static int statusOf(Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> 404;
            case NOT_MODIFIED -> 304;
            case CONFLICT -> 409;
            case INVALID -> 400;
            case BUSY, FAILED -> 500;
            default -> 0;
        };
    }
}
