package dev.berth;

/** The node that holds what an operation needs is down or unreachable. */
public class NodeUnavailableException extends BerthException {
    private static final long serialVersionUID = 1L;
    private final String nodeId;

    public NodeUnavailableException(String nodeId, String message) {
        super(message);
        this.nodeId = nodeId;
    }

    public String nodeId() {
        return nodeId;
    }
}
