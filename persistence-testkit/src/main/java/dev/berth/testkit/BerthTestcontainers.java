package dev.berth.testkit;

import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import dev.berth.PersistentVolume;
import dev.berth.StatefulContainer;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.GenericContainer;

/**
 * Gives a Testcontainers container (a {@code GenericContainer} or any of its modules) a Berth volume, and a
 * {@link StatefulContainer} view of it, so that it can be disrupted and asserted on like Berth's own containers.
 * Requires Testcontainers on the class path.
 *
 * <pre>{@code
 * PersistentVolume data = berth.volume("pg-data").create();
 * PostgreSQLContainer<?> pg = new PostgreSQLContainer<>("postgres:15");
 * StatefulContainer stateful = BerthTestcontainers.mount(pg, data, "/var/lib/postgresql/data");
 * pg.start();
 * PersistenceAssertions.assertThat(stateful).using(probe).survives(Disruption.KILL, Disruption.RECREATE);
 * }</pre>
 *
 * The single-writer guard does not apply to containers Testcontainers starts: Berth does not start them.
 */
public final class BerthTestcontainers {
    private BerthTestcontainers() {
    }

    /**
     * Mounts the volume into the container (for every start, since Testcontainers re-applies its modifiers) and returns
     * the container's stateful view. Call before the container starts, and after any {@code waitingFor(...)}: the
     * container's wait is kept for a first start on an empty volume, and on a restart over existing data a wait for a
     * log line several times (a database module's) waits for it once, as the restarted server prints it.
     */
    public static StatefulContainer mount(GenericContainer<?> container, PersistentVolume volume, String path) {
        Mount mount = new Mount().withType(MountType.VOLUME).withSource(volume.name()).withTarget(path);
        RestartAwareWait wait = RestartAwareWait.install(container, volume);
        container.withCreateContainerCmdModifier(cmd -> {
            wait.beforeStart();
            List<Mount> mounts = new ArrayList<>();
            if (cmd.getHostConfig().getMounts() != null) {
                mounts.addAll(cmd.getHostConfig().getMounts());
            }
            mounts.add(mount);
            cmd.getHostConfig().withMounts(mounts);
        });
        return new TestcontainersStatefulContainer(container, volume, path);
    }
}
