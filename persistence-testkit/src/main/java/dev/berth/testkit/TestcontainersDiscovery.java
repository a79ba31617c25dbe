package dev.berth.testkit;

import org.testcontainers.DockerClientFactory;

/** Only loaded when Testcontainers is on the class path. */
final class TestcontainersDiscovery {
    private TestcontainersDiscovery() {
    }

    static String dockerHost() {
        return DockerClientFactory.instance().getTransportConfig().getDockerHost().toString();
    }

    /** Where Testcontainers reaches published ports (it honours {@code TESTCONTAINERS_HOST_OVERRIDE}). */
    static String publishedHost() {
        return DockerClientFactory.instance().dockerHostIpAddress();
    }
}
