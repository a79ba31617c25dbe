package dev.berth.docker.internal.engine;

import dev.berth.BerthException;

/**
 * An Engine API version, such as 1.44, and the agreement Berth makes with an engine: the highest version both speak,
 * never above the engine's maximum nor below its minimum (Docker 29 refuses clients below 1.44; Docker 20.10 speaks
 * at most 1.41).
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    /** The oldest engine API Berth works with: Docker 20.10's. */
    public static final ApiVersion CLIENT_MIN = new ApiVersion(1, 41);
    /** The newest engine API Berth has been tested against: Docker 28's. */
    public static final ApiVersion CLIENT_MAX = new ApiVersion(1, 51);

    public static ApiVersion parse(String text) {
        String[] parts = text.strip().split("\\.");
        try {
            if (parts.length != 2) {
                throw new NumberFormatException(text);
            }
            return new ApiVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new BerthException("The engine reported API version '" + text + "', which is not of the form 1.44: "
                    + "is it a Docker engine?", e);
        }
    }

    /**
     * The version to speak with an engine whose API spans {@code engineMin} to {@code engineMax}.
     *
     * @throws BerthException when the two ranges do not meet, saying which engine versions Berth works with
     */
    public static ApiVersion agree(ApiVersion engineMax, ApiVersion engineMin, String endpoint) {
        ApiVersion agreed = engineMax.compareTo(CLIENT_MAX) < 0 ? engineMax : CLIENT_MAX;
        if (agreed.compareTo(engineMin) < 0 || agreed.compareTo(CLIENT_MIN) < 0 || engineMin.compareTo(engineMax) > 0) {
            throw new dev.berth.EngineUnavailableException(java.util.List.of(endpoint), "- " + endpoint
                    + ": the engine speaks API " + engineMin + " to " + engineMax + "; Berth speaks " + CLIENT_MIN
                    + " to " + CLIENT_MAX + " (Docker 20.10 and newer)", null);
        }
        return agreed;
    }

    @Override
    public int compareTo(ApiVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
