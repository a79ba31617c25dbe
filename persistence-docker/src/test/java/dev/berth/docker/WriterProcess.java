package dev.berth.docker;

import dev.berth.Berth;
import dev.berth.BerthSettings;
import dev.berth.ExclusiveAccessException;
import dev.berth.PersistentVolume;

/**
 * A second JVM for {@link ExclusiveAccessIT}: waits until an agreed instant, then tries to start a writer on a volume.
 * Arguments: docker host, volume, container name, label key=value, start instant in epoch millis, and optionally a
 * node label key=value: then the volume is on that node and the writer runs as a Swarm service placed there.
 */
public final class WriterProcess {
    private WriterProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        String[] label = args[3].split("=", 2);
        BerthSettings settings = BerthSettings.builder().dockerHost(args[0]).label(label[0], label[1]).build();
        try (Berth berth = Berth.connect(settings)) {
            var volume = berth.volume(args[1]);
            String[] zone = args.length > 5 ? args[5].split("=", 2) : null;
            if (zone != null) {
                volume.node(berth.cluster().withLabel(zone[0], zone[1]).orElseThrow());
            }
            PersistentVolume data = volume.create();
            var builder = berth.container(args[2]).image(EngineFixture.BUSYBOX).command(EngineFixture.SLEEP)
                    .mount(data, "/data");
            if (zone != null) {
                builder.placement(dev.berth.Placement.label(zone[0], zone[1]));
            }
            Thread.sleep(Math.max(0, Long.parseLong(args[4]) - System.currentTimeMillis()));
            try {
                builder.start();
                System.out.println("OUTCOME started");
            } catch (ExclusiveAccessException e) {
                System.out.println("OUTCOME refused");
            }
        }
    }
}
