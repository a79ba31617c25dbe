package dev.berth;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** No Docker engine answered at any endpoint Berth tried. */
public class EngineUnavailableException extends BerthException {
    private static final long serialVersionUID = 1L;
    private final List<String> endpointsTried;

    public EngineUnavailableException(List<String> endpointsTried, String details, @Nullable Throwable cause) {
        super("No Docker engine answered. Tried:\n" + details
                + "\nStart an engine (systemctl start docker, or scripts/docker-engine.sh), or point Berth at one with "
                + "DOCKER_HOST or BerthSettings.builder().dockerHost(...).", cause);
        this.endpointsTried = List.copyOf(endpointsTried);
    }

    /** Every endpoint that was tried, in order. */
    public List<String> endpointsTried() {
        return endpointsTried;
    }
}
