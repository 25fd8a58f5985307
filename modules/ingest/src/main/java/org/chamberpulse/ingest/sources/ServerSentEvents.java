package org.chamberpulse.ingest.sources;

import java.util.function.BiConsumer;

/**
 * Reads a text/event-stream line by line (the WHATWG rules): "event:" names the event, "data:" lines
 * join with newlines, a blank line dispatches, a line starting with ':' is a comment (keep-alive).
 */
public final class ServerSentEvents {

    private final BiConsumer<String, String> onEvent;
    private String event = "message";
    private StringBuilder data;

    public ServerSentEvents(BiConsumer<String, String> onEvent) {
        this.onEvent = onEvent;
    }

    public void line(String line) {
        if (line.isEmpty()) {
            if (data != null) {
                onEvent.accept(event, data.toString());
            }
            event = "message";
            data = null;
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (field.equals("event")) {
            event = value;
        } else if (field.equals("data")) {
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                data.append('\n').append(value);
            }
        }
    }
}
