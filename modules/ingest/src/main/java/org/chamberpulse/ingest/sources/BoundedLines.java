package org.chamberpulse.ingest.sources;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lines from a server's stream, each at most {@link #MAX_LINE_BYTES}: a longer one (a server sending an
 * endless line, or garbage without line breaks) is skipped to its end and counted, so memory stays bounded.
 */
public final class BoundedLines {

    public static final int MAX_LINE_BYTES = 1 << 20;

    public interface Handler {
        void line(String line) throws IOException;
    }

    private BoundedLines() {
    }

    /** Reads to the end of the stream; returns how many lines were too long and skipped. */
    public static long read(InputStream in, Handler handler) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        byte[] buffer = new byte[8192];
        boolean skipping = false;
        long skipped = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] != '\n') {
                    continue;
                }
                if (!skipping) {
                    line.write(buffer, start, i - start);
                    handler.line(text(line));
                }
                line.reset();
                skipping = false;
                start = i + 1;
            }
            if (!skipping && n - start > 0) {
                if (line.size() + (n - start) > MAX_LINE_BYTES) {
                    skipping = true;
                    skipped++;
                    line.reset();
                } else {
                    line.write(buffer, start, n - start);
                }
            }
        }
        if (!skipping && line.size() > 0) {
            handler.line(text(line));
        }
        return skipped;
    }

    private static String text(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Closes a stream being read on another thread, which then ends its read; null and errors are ignored. */
    static void close(InputStream stream) {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // closing is all that is wanted
            }
        }
    }
}
