package org.chamberpulse.sentiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads resources on the class path: a name without a leading "/" is beside this package's classes. */
final class Resources {

    private Resources() {
    }

    static byte[] bytes(String name) {
        try (InputStream stream = Resources.class.getResourceAsStream(name)) {
            if (stream == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
