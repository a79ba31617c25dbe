package dev.berth.samples;

import java.util.List;
import java.util.Map;

/**
 * What the samples' probes add to {@link dev.berth.DataProbe}: reading many keys in a few round trips, so that a
 * durability proof can check tens of thousands of acknowledged writes after every cycle.
 */
interface BulkReads {

    /** The values of those {@code keys} that the service has; absent keys are left out. */
    Map<String, String> readAll(List<String> keys);
}
