package dev.berth.testkit;

import java.util.Collection;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** The failure message of {@link StatefulContainerAssert#survives}, in AssertJ's form. */
final class ShouldSurvive extends BasicErrorMessageFactory {

    private ShouldSurvive(String format, Object... arguments) {
        super(format, arguments);
    }

    static ErrorMessageFactory shouldSurvive(String container, String probe, Disruption disruption,
            Collection<String> lost, Collection<String> written) {
        return new ShouldSurvive("%nExpecting container:%n  %s%nto keep every acknowledged write through:%n  %s%n"
                + "but after %s these markers were lost:%n  %s%nof all the markers written so far:%n  %s%n"
                + "(checked with %s). Is the data path on the volume? A tmpfs, or a path the volume is not mounted at, "
                + "loses everything with the container.",
                container, disruption, disruption, lost, written, probe);
    }
}
