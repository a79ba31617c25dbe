package dev.berth.docker;

import dev.berth.Berth;
import dev.berth.BerthSettings;
import dev.berth.Node;
import dev.berth.PersistentVolume;

/**
 * A JVM for {@link InterruptedMoveIT} to kill mid-move: takes the container that runs on the volume on the node
 * labelled zone=a, and moves it to the node labelled zone=b, logging every step of the move at DEBUG. Arguments:
 * docker host, label key=value, volume, container.
 */
public final class MoverProcess {
    private MoverProcess() {
    }

    public static void main(String[] args) {
        String[] label = args[1].split("=", 2);
        BerthSettings settings = BerthSettings.builder().dockerHost(args[0]).label(label[0], label[1]).build();
        try (Berth berth = Berth.connect(settings)) {
            Node from = berth.cluster().withLabel("zone", "a").orElseThrow();
            Node to = berth.cluster().withLabel("zone", "b").orElseThrow();
            PersistentVolume data = berth.volume(args[2]).node(from).create();
            berth.container(args[3]).image(EngineFixture.BUSYBOX).command(EngineFixture.SLEEP).mount(data, "/data")
                    .start().moveTo(to);
            System.out.println("OUTCOME moved");
        }
    }
}
