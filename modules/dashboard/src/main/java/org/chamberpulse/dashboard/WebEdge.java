package org.chamberpulse.dashboard;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The first handler of every request, before Javalin: the security headers; the management port's few
 * paths; the live streams ({@link EventStreams}); and request bodies, which are checked (size, gate) before
 * a byte is read and then read without a thread, within {@code bodyTimeout}, so that a client that sends
 * slowly holds a socket but never one of the threads that answer everyone else.
 */
final class WebEdge extends Handler.Wrapper {

    /** The name of the connector of {@code metrics.port}. */
    static final String MANAGEMENT = "management";

    static final List<HttpField> SECURITY_HEADERS = List.of(
            new HttpField("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"),
            new HttpField("X-Content-Type-Options", "nosniff"),
            new HttpField("X-Frame-Options", "DENY"),
            new HttpField("Referrer-Policy", "no-referrer"));

    /** The live streams, or null where no dashboard is served. */
    private final EventStreams events;
    private final List<BodyRule> rules;
    private final Duration bodyTimeout;
    private final ClientAddress clients;
    private final Supplier<String> metrics;
    private final Readiness ready;

    /**
     * @param metrics the Prometheus page, or null; served on the management port with {@code ready}
     */
    WebEdge(EventStreams events, List<BodyRule> rules, Duration bodyTimeout, ClientAddress clients,
            Supplier<String> metrics, Readiness ready) {
        this.metrics = metrics;
        this.ready = ready;
        this.clients = clients;
        this.events = events;
        this.rules = List.copyOf(rules);
        this.bodyTimeout = bodyTimeout;
    }

    static void secure(HttpFields.Mutable headers) {
        SECURITY_HEADERS.forEach(headers::put);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        secure(response.getHeaders());
        request.setAttribute(ClientAddress.ATTRIBUTE, clients.of(Request.getRemoteAddr(request), request.getHeaders().get("X-Forwarded-For")));
        String path = Request.getPathInContext(request);
        if (MANAGEMENT.equals(request.getConnectionMetaData().getConnector().getName())) {
            // Answered here, with no route and no framework in between: the operator's view holds whatever the rest does.
            switch (path) {
                case "/metrics" -> {
                    if (metrics == null) {
                        Answers.error(response, callback, 404, "this instance keeps no metrics");
                    } else {
                        response.setStatus(200);
                        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                        response.write(true, ByteBuffer.wrap(metrics.get().getBytes(StandardCharsets.UTF_8)), callback);
                    }
                }
                case "/health/live" -> Answers.json(response, callback, 200, Map.of("status", "UP"));
                case "/health/ready" -> {
                    boolean up = ready.ready();
                    Answers.json(response, callback, up ? 200 : 503, ready.body(up));
                }
                default -> Answers.error(response, callback, 404, "this port serves /metrics, /health/live and /health/ready");
            }
            return true;
        }
        if (path.equals("/metrics")) {
            Answers.error(response, callback, 404, "not found");
            return true;
        }
        if (path.equals("/events") && events != null) {
            return events.handle(request, response, callback);
        }
        Optional<BodyRule> rule = rules.stream().filter(r -> r.covers(path)).findFirst();
        // A rule's gate holds for every request that may change something there, with a body or without.
        boolean gated = rule.isPresent() && !HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod());
        if (!gated && !carriesBody(request)) {
            return super.handle(request, response, callback);
        }
        return readBody(request, response, callback, rule.orElse(BodyRule.open(path, BodyRule.DEFAULT_MAX_BYTES)));
    }

    private static boolean carriesBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    private boolean readBody(Request request, Response response, Callback callback, BodyRule rule) {
        Optional<BodyRule.Refusal> refusal = request.getLength() > rule.maxBytes()
                ? Optional.of(BodyRule.Refusal.of(413, tooLarge(rule)))
                : rule.gate().check(name -> request.getHeaders().get(name), (String) request.getAttribute(ClientAddress.ATTRIBUTE));
        if (refusal.isPresent()) {
            refuse(request, response, callback, refusal.get());
            return true;
        }
        receive(request, response, callback, rule.maxBytes(), true, body -> {
            try {
                if (!WebEdge.super.handle(new BufferedBody(request, body), response, callback)) {
                    Answers.error(response, callback, 404, "not found");
                }
            } catch (Throwable e) {
                callback.failed(e);
            }
        }, () -> Answers.error(response, callback, 413, tooLarge(rule)));
        return true;
    }

    /**
     * Answers a refusal decided from the headers, at once. A client still sending its body reads no answer
     * if the connection closes under it, so the exchange is completed only once a body of up to
     * {@link #DRAIN_BYTES} has been read and thrown away (without a thread, within the body's deadline); past
     * that, or on a larger body, the connection closes.
     */
    private void refuse(Request request, Response response, Callback callback, BodyRule.Refusal refusal) {
        refusal.headers().forEach(response.getHeaders()::put);
        if (!carriesBody(request) || request.getLength() > DRAIN_BYTES) {
            if (carriesBody(request)) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            Answers.error(response, callback, refusal.status(), refusal.error());
            return;
        }
        Answers.error(response, Callback.from(() -> drain(request, callback), callback::failed), refusal.status(), refusal.error());
    }

    /** Reads what is left of a refused request's body and throws it away, then ends the exchange. */
    private void drain(Request request, Callback exchange) {
        AtomicBoolean done = new AtomicBoolean();
        Runnable end = () -> {
            if (done.compareAndSet(false, true)) {
                exchange.succeeded();
            }
        };
        Scheduler.Task deadline = request.getComponents().getScheduler().schedule(end, bodyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        new BodyReader(request, DRAIN_BYTES, false) {
            @Override
            void read(byte[] body) {
                deadline.cancel();
                end.run();
            }

            @Override
            void tooLarge() {
                deadline.cancel();
                end.run();
            }

            @Override
            void failed(Throwable failure) {
                deadline.cancel();
                end.run();
            }
        }.run();
    }

    /** The most of a refused request's body read and thrown away so that its client reads the answer. */
    static final int DRAIN_BYTES = 4 << 20;

    /**
     * Reads the body as it arrives (kept, or only counted), then {@code then} with it; {@code tooLarge} past
     * {@code maxBytes}; 408 and the connection closed if it has not all come within the body timeout.
     */
    private void receive(Request request, Response response, Callback callback, int maxBytes, boolean keep,
                         Consumer<byte[]> then, Runnable tooLarge) {
        AtomicBoolean answered = new AtomicBoolean();
        Scheduler.Task deadline = request.getComponents().getScheduler().schedule(() -> {
            if (answered.compareAndSet(false, true)) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                Answers.error(response, callback, 408, "the request's body did not arrive within " + bodyTimeout.toSeconds() + " s");
            }
        }, bodyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        new BodyReader(request, maxBytes, keep) {
            @Override
            void read(byte[] body) {
                if (finish()) {
                    then.accept(body);
                }
            }

            @Override
            void tooLarge() {
                if (finish()) {
                    tooLarge.run();
                }
            }

            @Override
            void failed(Throwable failure) {
                // The client went away mid-body: nobody to answer, and nothing worth a stack trace.
                if (finish()) {
                    callback.failed(failure);
                }
            }

            private boolean finish() {
                deadline.cancel();
                return answered.compareAndSet(false, true);
            }
        }.run();
    }

    private static String tooLarge(BodyRule rule) {
        return "the request's body is larger than " + rule.maxBytes() + " bytes, the limit here";
    }

    /**
     * Reads a body as it arrives, on whichever thread Jetty calls back with more (none waits for it), and
     * stops at the first byte past the limit.
     */
    private abstract static class BodyReader implements Runnable {

        private final Request request;
        private final int maxBytes;
        private final boolean keep;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private long received;

        /** @param keep whether to keep the bytes, or only count them (a body read to be thrown away) */
        BodyReader(Request request, int maxBytes, boolean keep) {
            this.request = request;
            this.maxBytes = maxBytes;
            this.keep = keep;
        }

        abstract void read(byte[] body);

        abstract void tooLarge();

        abstract void failed(Throwable failure);

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    failed(chunk.getFailure());
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                received += bytes.remaining();
                boolean fits = received <= maxBytes;
                if (fits && keep) {
                    byte[] copy = new byte[bytes.remaining()];
                    bytes.get(copy);
                    body.writeBytes(copy);
                }
                chunk.release();
                if (!fits) {
                    tooLarge();
                    return;
                }
                if (chunk.isLast()) {
                    read(body.toByteArray());
                    return;
                }
            }
        }
    }

    /** The request with its body read: the routes behind read it at once. */
    private static final class BufferedBody extends Request.Wrapper {

        private Content.Chunk body;

        BufferedBody(Request request, byte[] body) {
            super(request);
            this.body = Content.Chunk.from(ByteBuffer.wrap(body), true);
        }

        @Override
        public synchronized Content.Chunk read() {
            Content.Chunk chunk = body;
            body = Content.Chunk.EOF;
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }
    }

    /** Jetty's own error answers (a bad request line, a URI or headers too long) with the security headers too. */
    static final class SecureErrors extends ErrorHandler {

        @Override
        protected void generateCacheControl(Response response) {
            super.generateCacheControl(response);
            secure(response.getHeaders());
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            secure(fields);
            return super.badMessageError(status, reason, fields);
        }
    }
}
