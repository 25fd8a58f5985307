package org.chamberpulse.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.chamberpulse.model.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Short answers written at the web edge, before any route: a status and {@code {"error": "…"}}, as the API answers. */
final class Answers {

    private Answers() {
    }

    static void error(Response response, Callback callback, int status, String message) {
        json(response, callback, status, Map.of("error", message));
    }

    static void json(Response response, Callback callback, int status, Object value) {
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
