/**
 * Berth's public API: persistent volumes, stateful containers and the SPI that implementations provide.
 * No third-party type appears in it.
 */
module dev.berth {
    requires static org.jspecify;

    exports dev.berth;
    exports dev.berth.spi;

    uses dev.berth.spi.BerthProvider;
}
