package org.chamberpulse.dashboard;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.chamberpulse.model.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of ChamberPulse: the meeting list at {@code /}, the chair's page at {@code /meetings/{id}},
 * their server-sent events at {@code /events}, the clerk's console, the REST API with its OpenAPI
 * description, the health checks and {@code /metrics}. Every page is static HTML with external scripts
 * under a strict Content-Security-Policy; user text only ever reaches a page through textContent.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);
    static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;
    /** The most meetings one page of the API gives. */
    static final int MAX_PAGE_SIZE = 200;

    /**
     * What the server serves beside the health checks; absent parts are simply not served. Without
     * {@code pages} it serves no dashboard at all: an instance that runs only the topology.
     */
    public record Options(boolean pages, ClerkConsole clerk, Supplier<String> metrics, Consumer<RoutesConfig> moreRoutes) {
        public static Options dashboard(ClerkConsole clerk, Supplier<String> metrics, Consumer<RoutesConfig> moreRoutes) {
            return new Options(true, clerk, metrics, moreRoutes);
        }

        public static Options operationsOnly(Supplier<String> metrics) {
            return new Options(false, null, metrics, routes -> { });
        }
    }

    private final Javalin app;
    private final SseHub hub = new SseHub();

    /**
     * @param ready whether the application behind the page is ready (the Streams app is running)
     */
    public DashboardServer(LiveState state, BooleanSupplier ready, Options options) {
        state.onChange(hub::publish);
        this.app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            // Large enough for the ingest API's own limit, which answers 413 with a reason.
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jetty.modifyServletContextHandler(handler ->
                    handler.addFilter(new FilterHolder(new EventStreamAccept()), "/events", EnumSet.of(DispatcherType.REQUEST)));
            RoutesConfig routes = config.routes;
            routes.before(DashboardServer::securityHeaders);
            if (options.pages()) {
                config.staticFiles.add(files -> {
                    files.hostedPath = "/static";
                    files.directory = "/public";
                    files.location = Location.CLASSPATH;
                });
                pages(routes, state);
            } else {
                routes.get("/", ctx -> ctx.contentType("text/plain; charset=utf-8")
                        .result("A ChamberPulse topology instance: /health/live, /health/ready and /metrics. The dashboard runs elsewhere."));
            }
            routes.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
            routes.get("/health/ready", ctx -> {
                boolean up = ready.getAsBoolean();
                ctx.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("status", up ? "UP" : "DOWN"));
            });
            if (options.metrics() != null) {
                routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(options.metrics().get()));
            }
            if (options.clerk() != null) {
                options.clerk().routes(routes);
            }
            options.moreRoutes().accept(routes);
        });
    }

    private void pages(RoutesConfig routes, LiveState state) {
        routes.get("/", ctx -> html(ctx, Pages.render("index.html", Map.of("page", Integer.toString(page(ctx))))));
        routes.get("/meetings/{id}", ctx -> html(ctx, Pages.render("chair.html", Map.of("meetingId", ctx.pathParam("id")))));
        routes.sse("/events", client -> {
            String meeting = client.ctx().queryParam("meeting");
            int page = page(client.ctx());
            hub.join(client, meeting == null ? "" : meeting, () -> meeting == null ? state.snapshot(page) : state.snapshot(meeting));
        });
        routes.get("/api/v1/meetings", ctx -> {
            LiveState.Page page = state.meetings(page(ctx), size(ctx));
            ctx.header("X-Total-Count", Long.toString(page.total())).header("X-Pages", Integer.toString(page.pages())).json(page.meetings());
        });
        routes.get("/api/v1/meetings/{id}/summary", ctx -> state.meeting(ctx.pathParam("id"))
                .ifPresentOrElse(ctx::json, () -> ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no meeting " + ctx.pathParam("id")))));
        routes.get("/api/v1/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(resource("/public/openapi.yaml")));
    }

    /** The page asked for (from 1); anything else is the first. */
    private static int page(Context ctx) {
        return number(ctx.queryParam("page"), 1, 1, Integer.MAX_VALUE);
    }

    private static int size(Context ctx) {
        return number(ctx.queryParam("size"), LiveState.PAGE_SIZE, 1, MAX_PAGE_SIZE);
    }

    private static int number(String text, int otherwise, int min, int max) {
        try {
            return text == null ? otherwise : Math.max(min, Math.min(max, Integer.parseInt(text.strip())));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private static void html(Context ctx, String page) {
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    private static java.io.InputStream resource(String name) {
        return DashboardServer.class.getResourceAsStream(name);
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
