package dev.berth.docker;

import dev.berth.Berth;
import dev.berth.BerthSettings;
import dev.berth.docker.internal.DockerBerth;
import dev.berth.spi.BerthProvider;

/** Provides Berth over the Docker Engine API; found by {@link java.util.ServiceLoader}. */
public final class DockerBerthProvider implements BerthProvider {

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public Berth connect(BerthSettings settings) {
        return DockerBerth.connect(settings);
    }
}
