package dev.berth.testkit;

import dev.berth.DataProbe;
import dev.berth.PersistentVolume;
import dev.berth.StatefulContainer;

/**
 * The container, volume and probe the extension made for one test (or one class).
 *
 * @param container the running container
 * @param volume its fresh volume
 * @param probe the recipe's probe, or files under the data path
 */
record Fixture(StatefulContainer container, PersistentVolume volume, DataProbe probe) {
}
