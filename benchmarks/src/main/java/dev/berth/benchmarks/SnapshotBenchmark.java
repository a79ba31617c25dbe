package dev.berth.benchmarks;

import dev.berth.Berth;
import dev.berth.BerthSettings;
import dev.berth.PersistentVolume;
import dev.berth.Snapshot;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import dev.berth.s3.S3Proxy;
import dev.berth.s3.S3SnapshotStore;

/**
 * Snapshot and restore of about 1 GiB of mixed data (one 512 MiB file and 5000 files of 100 KiB) through Berth,
 * beside {@code docker cp} out (to a tar file) and in (from it), {@code docker cp} out to /dev/null (what the engine
 * alone gives) and {@code tar -c | cat} of the volume's directory on the host, on the same data in the same run,
 * rounds interleaved, the order of Berth and docker alternating, and {@code sync} before each step. Each round starts
 * a new repository in a temporary directory on the same disk as the tar file; its objects are forced to disk (docker
 * cp's file is not). After the full snapshot, 1% of the small files are rewritten and a second snapshot timed; then
 * 1% of the big file's 4 KiB pages in one region (a hot table) are rewritten and what a third snapshot stores is
 * set beside the file's size.
 *
 * <p>With {@code s3} after the rounds, the repository is in a bucket of S3Proxy (a real S3 server, started as a process
 * of its own on this machine's disk), a new prefix each round; the figures go to {@code snapshot-s3.json}.
 *
 * <p>Run: {@code bash scripts/bench.sh snapshot [rounds] [local|s3]} (default 5, both stores).
 */
public final class SnapshotBenchmark {
    private static final String IMAGE = "busybox:1.35";
    private static final String FILL = "mkdir -p /data/small && dd if=/dev/urandom of=/data/big bs=1M count=512 2>/dev/null"
            + " && head -c 102400 /dev/urandom > /tmp/seed && i=0; while [ $i -lt 5000 ]; do"
            + " cat /tmp/seed > /data/small/$i; echo $i >> /data/small/$i; i=$((i+1)); done; sync";

    private static final String SMALL_FILES_1_PERCENT = "i=0; while [ $i -lt 5000 ]; do"
            + " head -c 102400 /dev/urandom > /data/small/$i; i=$((i+100)); done; sync";
    private static final String BIG_FILE_PAGES_1_PERCENT = "dd if=/dev/urandom of=/data/big bs=4096 seek=60000"
            + " count=1311 conv=notrunc 2>/dev/null; sync";

    private SnapshotBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        boolean s3 = args.length > 1 && args[1].equals("s3");
        if (!s3) {
            run(rounds, null);
            return;
        }
        try (S3Proxy proxy = S3Proxy.start(Path.of(System.getProperty("berth.bench.s3proxyJar",
                "persistence-s3/target/s3proxy/s3proxy.jar")))) {
            run(rounds, proxy);
        }
    }

    /** A round's connection, with a new repository: in a directory, or under a new prefix of the S3 bucket. */
    private static Berth connect(BerthSettings settings, Path store, int round, S3Proxy proxy,
            List<AutoCloseable> opened) {
        if (proxy == null) {
            return Berth.connect(settings.toBuilder().snapshotDirectory(store).build());
        }
        S3SnapshotStore s3 = proxy.builder().prefix("round-" + round + "-" + System.nanoTime()).build();
        opened.add(s3);
        return Berth.connect(settings.toBuilder().snapshotStore(s3).build());
    }

    private static void run(int rounds, S3Proxy proxy) throws Exception {
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        Path work = Files.createTempDirectory("berth-bench-");
        BerthSettings settings = BerthSettings.builder().snapshotDirectory(work.resolve("unused")).build();
        try (Berth berth = Berth.connect(settings)) {
            PersistentVolume data = berth.volume("bench-snap-" + run).create();
            Shell.run("docker", "run", "--rm", "-v", data.name() + ":/data", IMAGE, "sh", "-c", FILL);
            String mountpoint = Shell.run("docker", "volume", "inspect", "-f", "{{.Mountpoint}}", data.name());
            String reader = "bench-snap-cp-" + run;
            Shell.run("docker", "create", "--name", reader, "-v", data.name() + ":/berth-volume:ro", IMAGE, "true");
            Path tar = work.resolve("cp.tar");
            Stats hostTar = new Stats();
            Stats engineOnly = new Stats();
            Stats cpOut = new Stats();
            Stats cpIn = new Stats();
            Stats snapshot = new Stats();
            Stats incremental = new Stats();
            Stats restore = new Stats();
            java.util.List<Long> hotTableStored = new java.util.ArrayList<>();
            // per round: the JVM's CPU on the snapshot and on the restore, and the JIT compiler's part of each
            List<long[]> cpu = new java.util.ArrayList<>();
            double mib = 0;
            for (int i = 0; i < rounds; i++) {
                long[] roundCpu = new long[6];
                cpu.add(roundCpu);
                hostTar.add(time(() -> Shell.run("sh", "-c", "tar -C " + mountpoint + " -c . | cat > /dev/null")));
                engineOnly.add(time(() -> Shell.run("sh", "-c", "docker cp " + reader + ":/berth-volume - > /dev/null")));
                Files.deleteIfExists(tar);
                Path store = work.resolve("repository-" + i);
                List<AutoCloseable> opened = new java.util.ArrayList<>();
                try (Berth round = connect(settings, store, i, proxy, opened)) {
                    PersistentVolume volume = round.volumes().find(data.name()).orElseThrow();
                    boolean berthFirst = i % 2 == 1; // alternate, so that neither always follows the other's writeback
                    Snapshot[] taken = new Snapshot[1];
                    Runnable berthOut = () -> snapshot.add(cpuAndTime(roundCpu, 0, () -> taken[0] = volume.snapshot("full")));
                    Runnable dockerOut = () -> cpOut.add(time(() -> Shell.run("sh", "-c",
                            "docker cp " + reader + ":/berth-volume - > " + tar)));
                    inOrder(berthFirst, berthOut, dockerOut);
                    mib = taken[0].sizeBytes() / 1048576.0;
                    Shell.run("docker", "run", "--rm", "-v", data.name() + ":/data", IMAGE, "sh", "-c",
                            SMALL_FILES_1_PERCENT);
                    incremental.add(time(() -> volume.snapshot("after 1% of the small files")));
                    Shell.run("docker", "run", "--rm", "-v", data.name() + ":/data", IMAGE, "sh", "-c",
                            BIG_FILE_PAGES_1_PERCENT);
                    hotTableStored.add(volume.snapshot("after 1% of the big file's pages").storedBytes());
                    String restored = "bench-snap-r-" + run + "-" + i;
                    String suffix = run + "-" + i;
                    // Here the first volume written after others were deleted is written at about half speed,
                    // whoever writes it: an untimed docker cp in first puts both measured restores in the same state.
                    cpIn(tar, suffix + "-warm");
                    inOrder(berthFirst, () -> restore.add(cpuAndTime(roundCpu, 1, () -> taken[0].restore(restored))),
                            () -> cpIn.add(cpIn(tar, suffix)));
                    // Deleting a volume's files slows the disk for a while: delete both only after both were measured.
                    Shell.run("docker", "rm", "-f", "bench-snap-cpw-" + suffix, "bench-snap-cpw-" + suffix + "-warm");
                    Shell.run("docker", "volume", "rm", restored, "bench-snap-cpin-" + suffix,
                            "bench-snap-cpin-" + suffix + "-warm");
                    System.out.printf("round %d (%s first): cp out %s, snapshot %s, incremental %s, cp in %s, "
                            + "restore %s, hot table stored %d KiB%n", i, berthFirst ? "Berth" : "docker", cpOut.last(),
                            snapshot.last(), incremental.last(), cpIn.last(), restore.last(),
                            hotTableStored.get(hotTableStored.size() - 1) >> 10);
                }
                for (AutoCloseable c : opened) {
                    c.close();
                }
                Shell.run("rm", "-rf", store.toString());
            }
            Shell.run("docker", "rm", "-f", reader);
            data.delete();
            BenchResult result = report(proxy == null ? "snapshot" : "snapshot-s3", mib, rounds, hostTar, engineOnly,
                    cpOut, cpIn, snapshot, restore, cpu);
            double incrementalRatio = incremental.median() / snapshot.median();
            double hotTableBytes = hotTableStored.stream().sorted().toList().get(hotTableStored.size() / 2);
            double hotTableShare = hotTableBytes / (512.0 * 1048576);
            System.out.printf("ratio incremental snapshot after 1%% of the small files / full: %.3f (%s)%n",
                    incrementalRatio, incremental);
            System.out.printf("bytes stored after 1%% of the big file's pages / its size: %.2f%% (%.1f MiB)%n",
                    100 * hotTableShare, hotTableBytes / 1048576);
            result.figure("incrementalOverFull", incrementalRatio).figure("hotTableStoredShare", hotTableShare).write();
        } finally {
            Files.deleteIfExists(work.resolve("cp.tar"));
            Shell.run("rm", "-rf", work.toString());
        }
    }

    private static void inOrder(boolean firstFirst, Runnable first, Runnable second) {
        (firstFirst ? first : second).run();
        (firstFirst ? second : first).run();
    }

    /** docker cp of the tar file into a helper on a fresh volume; both are removed by the caller. */
    private static long cpIn(Path tar, String suffix) {
        String volume = "bench-snap-cpin-" + suffix;
        String writer = "bench-snap-cpw-" + suffix;
        Shell.run("docker", "volume", "create", volume);
        Shell.run("docker", "create", "--name", writer, "-v", volume + ":/berth-volume", IMAGE, "true");
        return time(() -> Shell.run("sh", "-c", "docker cp - " + writer + ":/ < " + tar));
    }

    /** Times {@code work}, starting with no dirty data from a step before it (which would slow either side). */
    private static long time(Supplier<?> work) {
        Shell.run("sync");
        long start = System.nanoTime();
        work.get();
        return System.nanoTime() - start;
    }

    /**
     * Times Berth's work and puts the JVM's CPU time spent on it in {@code cpu[slot]}, and the JIT compiler's time in
     * it in {@code cpu[slot + 2]} (a cold JVM compiles Berth's code on its first rounds; a long-lived one, once), and
     * the kernel's part (system time: reading the files, writing the packs and forcing them to disk) in
     * {@code cpu[slot + 4]}.
     */
    private static long cpuAndTime(long[] cpu, int slot, Supplier<?> work) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var jit = ManagementFactory.getCompilationMXBean();
        long before = os.getProcessCpuTime();
        long jitBefore = jit.getTotalCompilationTime();
        long systemBefore = systemNanos();
        long nanos = time(work);
        cpu[slot] = os.getProcessCpuTime() - before;
        cpu[slot + 4] = systemNanos() - systemBefore;
        cpu[slot + 2] = (jit.getTotalCompilationTime() - jitBefore) * 1_000_000;
        return nanos;
    }

    /** This process's system CPU time so far, from /proc/self/stat (in clock ticks of 10 ms); 0 where there is none. */
    private static long systemNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[12]) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The median over the rounds of {@code cpu[slot]}, in seconds per GiB. */
    private static double perGib(List<long[]> cpu, int slot, double mib) {
        List<Long> values = cpu.stream().map(c -> c[slot]).sorted().toList();
        return values.get(values.size() / 2) / 1e9 * 1024 / mib;
    }

    private static BenchResult report(String name, double mib, int rounds, Stats hostTar, Stats engineOnly, Stats cpOut, Stats cpIn,
            Stats snapshot, Stats restore, List<long[]> cpu) {
        System.out.printf("%.0f MiB of data (1 x 512 MiB + 5000 x 100 KiB), %d rounds, median MiB/s:%n", mib, rounds);
        line("tar -c | cat on the host", mib, hostTar);
        line("docker cp out to /dev/null", mib, engineOnly);
        line("docker cp out to a file", mib, cpOut);
        line("Berth snapshot", mib, snapshot);
        line("docker cp in from the file", mib, cpIn);
        line("Berth restore", mib, restore);
        System.out.printf("ratio snapshot / docker cp out: %.2f%n", cpOut.median() / snapshot.median());
        System.out.printf("ratio restore / docker cp in:   %.2f%n", cpIn.median() / restore.median());
        System.out.printf("ratio docker cp out / tar | cat: %.2f (the engine's archive API beside reading the files)%n",
                hostTar.median() / cpOut.median());
        System.out.printf("Berth's JVM CPU per GiB, median of the rounds: snapshot %.2f s (JIT compiling %.2f s, kernel "
                + "%.2f s), restore %.2f s (JIT compiling %.2f s, kernel %.2f s); first round, cold: snapshot %.2f s, "
                + "restore %.2f s%n", perGib(cpu, 0, mib), perGib(cpu, 2, mib), perGib(cpu, 4, mib), perGib(cpu, 1, mib),
                perGib(cpu, 3, mib), perGib(cpu, 5, mib),
                cpu.get(0)[0] / 1e9 * 1024 / mib, cpu.get(0)[1] / 1e9 * 1024 / mib);
        return new BenchResult(name, "Snapshot and restore of 1000 MiB (1 x 512 MiB + 5000 x 100 KiB)"
                + (name.endsWith("s3") ? ", kept in S3 (S3Proxy)" : ""), "MiB/s", true)
                .row("snapshot", speed(mib, snapshot), "docker cp out", speed(mib, cpOut))
                .row("restore", speed(mib, restore), "docker cp in", speed(mib, cpIn))
                .figure("tarCatMiBps", speed(mib, hostTar)).figure("rounds", rounds)
                .figure("cpuSecondsPerGiBSnapshot", perGib(cpu, 0, mib))
                .figure("cpuSecondsPerGiBRestore", perGib(cpu, 1, mib))
                .figure("jitSecondsPerGiBSnapshot", perGib(cpu, 2, mib))
                .figure("kernelSecondsPerGiBSnapshot", perGib(cpu, 4, mib))
                .figure("kernelSecondsPerGiBRestore", perGib(cpu, 5, mib))
                .figure("cpuSecondsPerGiBSnapshotFirstRound", cpu.get(0)[0] / 1e9 * 1024 / mib);
    }

    private static double speed(double mib, Stats stats) {
        return mib / (stats.median() / 1000);
    }

    private static void line(String what, double mib, Stats stats) {
        System.out.printf("  %-28s %7.1f MiB/s   (%s)%n", what, mib / (stats.median() / 1000), stats);
    }
}
