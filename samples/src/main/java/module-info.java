/** Berth's recipes and runnable demos. */
module dev.berth.samples {
    requires dev.berth;
    requires static org.jspecify;

    exports dev.berth.samples;
}
