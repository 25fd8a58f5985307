package org.chamberpulse.dashboard;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the web edge checks of a request to a path before it reads the request's body: the most bytes the
 * body may have, and a gate (credentials, rate) that may refuse it from its headers alone.
 *
 * @param path     the path, or a prefix of paths when it ends with '/'
 * @param maxBytes the largest body accepted there (larger: 413 with the limit)
 */
public record BodyRule(String path, int maxBytes, Gate gate) {

    /** The limit for every path no rule names. */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;

    /** An answer instead of the route's: the status, the reason, and headers such as Retry-After. */
    public record Refusal(int status, String error, Map<String, String> headers) {
        public static Refusal of(int status, String error) {
            return new Refusal(status, error, Map.of());
        }
    }

    @FunctionalInterface
    public interface Gate {
        /**
         * @param header  the request's header of a name, or null
         * @param address the client's address as the limits count it ({@link ClientAddress})
         */
        Optional<Refusal> check(UnaryOperator<String> header, String address);
    }

    public static final Gate OPEN = (header, address) -> Optional.empty();

    public static BodyRule open(String path, int maxBytes) {
        return new BodyRule(path, maxBytes, OPEN);
    }

    boolean covers(String requestPath) {
        return path.endsWith("/") ? requestPath.startsWith(path) : requestPath.equals(path);
    }
}
