package dev.berth.testkit;

import dev.berth.DataProbe;
import dev.berth.Recipe;
import dev.berth.StatefulContainer;
import java.util.List;

/** A minimal recipe for the testkit's own tests: busybox keeping its data under /data. */
public final class BusyboxRecipe implements Recipe {
    static final String IMAGE = "busybox:1.35";
    /** Sleeps, and exits at once on SIGTERM. */
    static final String[] SLEEP = {"sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"};

    @Override
    public String image() {
        return IMAGE;
    }

    @Override
    public String dataPath() {
        return "/data";
    }

    @Override
    public List<String> command() {
        return List.of(SLEEP);
    }

    @Override
    public DataProbe probe(StatefulContainer container) {
        return new FileProbe(container, dataPath());
    }
}
