package dev.berth.docker.internal;

import dev.berth.BerthSettings;

/** What every handle of one connection shares. */
record EngineContext(Engine engine, BerthSettings settings, VolumeStore volumes) {
}
