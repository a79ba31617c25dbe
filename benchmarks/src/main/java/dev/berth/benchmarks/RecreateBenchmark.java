package dev.berth.benchmarks;

import dev.berth.Berth;
import dev.berth.PersistentVolume;
import dev.berth.StatefulContainer;

/**
 * Kill plus recreate to ready, for a busybox container on a volume: through Berth, and through the raw docker CLI
 * ({@code docker kill}, {@code docker rm}, {@code docker run -d} on the same volume) in the same run.
 * "Ready" is the container running (busybox has no readiness of its own).
 *
 * <p>Run: {@code bash scripts/bench.sh recreate [cycles]} (default 30).
 */
public final class RecreateBenchmark {
    private static final String IMAGE = "busybox:1.35";
    private static final String[] SLEEP = {"sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"};

    private RecreateBenchmark() {
    }

    public static void main(String[] args) {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        try (Berth berth = Berth.connect()) {
            PersistentVolume volume = berth.volume("bench-recreate-" + run).create();
            Stats viaBerth = berth(berth, volume, "bench-berth-" + run, cycles);
            Stats viaCli = cli(volume.name(), "bench-cli-" + run, cycles);
            volume.delete();
            System.out.println("kill + recreate to running, busybox on a volume, " + cycles + " cycles each");
            System.out.println("  Berth      : " + viaBerth);
            System.out.println("  docker CLI : " + viaCli);
            System.out.printf("  ratio Berth/CLI (median): %.2f%n", viaBerth.median() / viaCli.median());
            new BenchResult("recreate", "Kill + recreate to running (busybox on a volume)", "ms", false)
                    .row("kill + recreate, median", viaBerth.median(), "docker CLI", viaCli.median())
                    .row("kill + recreate, p90", viaBerth.percentile(90), "docker CLI", viaCli.percentile(90))
                    .figure("cycles", cycles).figure("ratio", viaBerth.median() / viaCli.median()).write();
        }
    }

    private static Stats berth(Berth berth, PersistentVolume volume, String name, int cycles) {
        StatefulContainer c = berth.container(name).image(IMAGE).command(SLEEP).mount(volume, "/data").start();
        Stats stats = new Stats();
        for (int i = 0; i < cycles; i++) {
            long start = System.nanoTime();
            c.kill();
            c.recreate();
            stats.add(System.nanoTime() - start);
        }
        c.remove();
        return stats;
    }

    private static Stats cli(String volume, String name, int cycles) {
        String[] run = {"docker", "run", "-d", "--name", name, "-v", volume + ":/data", IMAGE, SLEEP[0], SLEEP[1], SLEEP[2]};
        Shell.run(run);
        Stats stats = new Stats();
        for (int i = 0; i < cycles; i++) {
            long start = System.nanoTime();
            Shell.run("docker", "kill", name);
            Shell.run("docker", "rm", name);
            Shell.run(run);
            stats.add(System.nanoTime() - start);
        }
        Shell.run("docker", "rm", "-f", name);
        return stats;
    }
}
