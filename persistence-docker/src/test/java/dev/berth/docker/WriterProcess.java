package dev.berth.docker;

import dev.berth.Berth;
import dev.berth.BerthSettings;
import dev.berth.ExclusiveAccessException;
import dev.berth.PersistentVolume;

/**
 * A second JVM for {@link ExclusiveAccessIT}: waits until an agreed instant, then tries to start a writer on a volume.
 * Arguments: docker host, volume, container name, label key=value, start instant in epoch millis.
 */
public final class WriterProcess {
    private WriterProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        String[] label = args[3].split("=", 2);
        BerthSettings settings = BerthSettings.builder().dockerHost(args[0]).label(label[0], label[1]).build();
        try (Berth berth = Berth.connect(settings)) {
            PersistentVolume data = berth.volume(args[1]).create();
            var builder = berth.container(args[2]).image(EngineFixture.BUSYBOX).command(EngineFixture.SLEEP)
                    .mount(data, "/data");
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
