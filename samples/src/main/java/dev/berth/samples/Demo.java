package dev.berth.samples;

/**
 * The README's demo ({@code bash scripts/demo.sh}): one of the users' stories end to end, told in plain words. A
 * MySQL database commits three orders, is killed like a power cut, its container thrown away, and a brand-new
 * container re-attached to its files finds every order: see {@link ReattachAfterKill}. Exits with status 1 when data
 * was lost.
 *
 * <p>The other stories run the same way: {@code bash scripts/demo.sh -Ddemo.mainClass=dev.berth.samples.VisitCounter}
 * or {@code ...SecondServerRefused}. An argument picks the MySQL image ({@code -Dexec.args=mysql:8.4}); without one,
 * the recipe runs on {@value ReattachAfterKill#LOCAL_IMAGE}.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) {
        System.out.println("Berth demo: containers are cattle, data is not.");
        System.out.println();
        ReattachAfterKill.main(args);
    }
}
