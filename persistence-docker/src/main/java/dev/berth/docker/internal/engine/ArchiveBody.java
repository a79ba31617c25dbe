package dev.berth.docker.internal.engine;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a tar as a request body; may be called again after a transient failure, and must then start over. */
@FunctionalInterface
public interface ArchiveBody {
    void writeTo(OutputStream out) throws IOException;
}
