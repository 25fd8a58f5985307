package org.chamberpulse.dashboard;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import io.javalin.config.RoutesConfig;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.chamberpulse.model.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of ChamberPulse: the live dashboard at {@code /}, its server-sent events at
 * {@code /events}, a small JSON API and the health checks.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);

    static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;

    private final Javalin app;
    private final SseHub hub = new SseHub();

    /**
     * @param ready whether the application behind the page is ready (the Streams app is running)
     */
    public DashboardServer(LiveState state, BooleanSupplier ready) {
        this(state, ready, routes -> { });
    }

    /** @param moreRoutes routes other modules serve on the same port, such as the ingest API */
    public DashboardServer(LiveState state, BooleanSupplier ready, Consumer<RoutesConfig> moreRoutes) {
        state.onChange(hub::publish);
        this.app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            // Large enough for the ingest API's own limit, which answers 413 with a reason.
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            moreRoutes.accept(config.routes);
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/public";
                files.location = Location.CLASSPATH;
            });
            config.routes.before(ctx -> securityHeaders(ctx));
            config.routes.get("/", ctx -> page(ctx, "/public/index.html"));
            config.routes.sse("/events", client -> hub.join(client, state.snapshot()));
            config.routes.get("/api/v1/meetings", ctx -> ctx.json(state.meetings()));
            config.routes.get("/api/v1/meetings/{id}/summary", ctx -> state.meeting(ctx.pathParam("id"))
                    .ifPresentOrElse(ctx::json, () -> ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no meeting " + ctx.pathParam("id")))));
            config.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
            config.routes.get("/health/ready", ctx -> {
                boolean up = ready.getAsBoolean();
                ctx.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("status", up ? "UP" : "DOWN"));
            });
        });
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private static void page(Context ctx, String resource) {
        var stream = DashboardServer.class.getResourceAsStream(resource);
        if (stream == null) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        ctx.contentType("text/html; charset=utf-8").result(stream);
    }

    public DashboardServer start(int port) {
        app.start(port);
        log.info("dashboard listening on port {}", app.port());
        return this;
    }

    public int port() {
        return app.port();
    }

    public int liveClients() {
        return hub.size();
    }

    @Override
    public void close() {
        hub.close();
        app.stop();
    }
}
