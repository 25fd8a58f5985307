package org.chamberpulse.dashboard;

import com.sun.management.UnixOperatingSystemMXBean;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Messages;
import org.chamberpulse.model.Text;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ThreadLimitHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of ChamberPulse: the meeting list at {@code /}, the chair's page at {@code /meetings/{id}},
 * their server-sent events at {@code /events}, the clerk's console, the REST API with its OpenAPI
 * description, the health checks; and on a management port of its own, {@code /metrics}. Every page is
 * static HTML with external scripts under a strict Content-Security-Policy; user text only ever reaches a
 * page through textContent. {@link WebEdge} stands before every route: no client can hold a thread while it
 * sends slowly, and each address has a share of the threads ({@code http.per.address}).
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);
    static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;
    /** The most meetings one page of the API gives. */
    static final int MAX_PAGE_SIZE = 200;
    /** Connections kept for everything but live streams: pages, the API, the console, the health checks. */
    static final int RESERVED_CONNECTIONS = 256;

    /**
     * What the server serves beside the health checks; absent parts are simply not served. Without
     * {@code pages} it serves no dashboard at all: an instance that runs only the topology.
     *
     * @param bodyRules what the web edge checks before it reads the body of a request to a path
     */
    public record Options(boolean pages, ClerkConsole clerk, Supplier<String> metrics, Consumer<RoutesConfig> moreRoutes, List<BodyRule> bodyRules) {
        public static Options dashboard(ClerkConsole clerk, Supplier<String> metrics, Consumer<RoutesConfig> moreRoutes, BodyRule... bodyRules) {
            return new Options(true, clerk, metrics, moreRoutes, List.of(bodyRules));
        }

        public static Options operationsOnly(Supplier<String> metrics) {
            return new Options(false, null, metrics, routes -> { }, List.of());
        }
    }

    private final Javalin app;
    private final EventStreams events;
    private final AtomicReference<ServerConnector> management = new AtomicReference<>();
    private final AtomicReference<ServerConnector> publicConnector = new AtomicReference<>();
    private volatile int requestedPort;

    /**
     * @param ready whether the application behind the page is ready (the Streams app is running), and its parts' states
     */
    public DashboardServer(LiveState state, Readiness ready, Options options, PulseConfig.Web web) {
        long connections = connectionLimit();
        int streams = (int) Math.max(1, Math.min(web.sseMax(), connections - RESERVED_CONNECTIONS));
        this.events = new EventStreams(state, new EventStreams.Limits(streams, web.ssePerAddress(), web.sseHeartbeat()));
        List<BodyRule> rules = new ArrayList<>(options.bodyRules());
        if (options.clerk() != null) {
            rules.addAll(options.clerk().bodyRules());
        }
        WebEdge edge = new WebEdge(options.pages() ? events : null, rules, web.bodyTimeout(), new ClientAddress(web.trustedProxies()),
                options.metrics(), ready);
        log.info("web edge: at most {} connections (open files {}), {} live streams ({} an address), {} requests at once an address, bodies within {} s",
                connections, openFileLimit(), streams, web.ssePerAddress(), web.httpPerAddress(), web.bodyTimeout().toSeconds());
        this.app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            // Large enough for the ingest API's own limit, which answers 413 with a reason; the edge holds each path to its own.
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            // Javalin adds its own connector only when none is given: both are ours.
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(web.bind().isEmpty() ? null : web.bind());
                connector.setPort(requestedPort);
                publicConnector.set(connector);
                return connector;
            });
            config.jetty.modifyServer(server -> {
                ThreadLimitHandler perAddress = new ThreadLimitHandler(null, false) {
                    @Override
                    protected String getRemoteIP(Request request) {
                        // As the edge found the client: behind a trusted proxy, the address it forwarded for.
                        return (String) request.getAttribute(ClientAddress.ATTRIBUTE);
                    }
                };
                perAddress.setThreadLimit(web.httpPerAddress());
                edge.setHandler(perAddress);
                server.setHandler(edge);
                server.setErrorHandler(new WebEdge.SecureErrors());
                server.addBean(new NetworkConnectionLimit((int) Math.min(Integer.MAX_VALUE, connections), server));
            });
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setName(WebEdge.MANAGEMENT);
                connector.setHost(web.metricsBind().isEmpty() ? null : web.metricsBind());
                connector.setPort(freeOrAny(web.metricsBind(), web.metricsPort()));
                management.set(connector);
                return connector;
            });
            RoutesConfig routes = config.routes;
            if (options.pages()) {
                routes.get("/static/{name}", new StaticFiles()::serve);
                pages(routes, state, web.commentForm());
            } else {
                routes.get("/", ctx -> ctx.contentType("text/plain; charset=utf-8")
                        .result("A ChamberPulse topology instance: /health/live and /health/ready here, /metrics on the management port. The dashboard runs elsewhere."));
            }
            routes.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
            routes.get("/health/ready", ctx -> {
                boolean up = ready.ready();
                ctx.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(ready.body(up));
            });
            if (options.clerk() != null) {
                options.clerk().routes(routes);
            }
            options.moreRoutes().accept(routes);
        });
    }

    /**
     * The connections the server accepts at once: what the process may open, less a fifth (at least 256)
     * for the broker's and the clients' files and sockets, which must never be the ones that fail.
     */
    private static long connectionLimit() {
        long files = openFileLimit();
        return Math.max(64, files - Math.max(256, files / 5));
    }

    /**
     * The management port asked for, or any free one when another process holds it (a second instance on
     * the same host, started without its own {@code metrics.port}): /metrics must never stop a start.
     */
    private static int freeOrAny(String host, int port) {
        if (port == 0) {
            return 0;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port));
            return port;
        } catch (IOException taken) {
            log.warn("metrics.port {} is taken by another process; /metrics is served on a free port instead (printed at start)", port);
            return 0;
        }
    }

    private static long openFileLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : 10_000;
    }

    private void pages(RoutesConfig routes, LiveState state, boolean commentForm) {
        routes.get("/", ctx -> html(ctx, Pages.render("index.html", Map.of("page", Integer.toString(page(ctx))), Map.of(),
                Language.choose(ctx, null))));
        routes.get("/meetings/{id}", ctx -> {
            String language = state.meeting(ctx.pathParam("id")).map(view -> view.meeting() == null ? null : view.meeting().language()).orElse(null);
            Messages messages = Language.choose(ctx, language);
            html(ctx, Pages.render("chair.html", Map.of("meetingId", ctx.pathParam("id")), Map.of("commentLink",
                    commentForm ? "<a href=\"/meetings/" + Text.escapeMarkup(URLEncoder.encode(ctx.pathParam("id"), StandardCharsets.UTF_8))
                            + "/comment\">" + Text.escapeMarkup(messages.text("chair.comment")) + "</a>" : ""), messages));
        });
        routes.get("/api/v1/meetings", ctx -> {
            LiveState.Page page = state.meetings(page(ctx), size(ctx));
            ctx.header("X-Total-Count", Long.toString(page.total())).header("X-Pages", Integer.toString(page.pages())).json(page.meetings());
        });
        routes.get("/api/v1/meetings/{id}/summary", ctx -> state.meeting(ctx.pathParam("id"))
                .ifPresentOrElse(ctx::json, () -> ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "There is no meeting with that id."))));
        routes.get("/api/v1/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(resource("/public/openapi.yaml")));
        // A browser that meets a missing page or a failure gets a page in its language; API clients keep their JSON.
        routes.error(HttpStatus.NOT_FOUND.getCode(), "html", ctx -> errorPage(ctx, "error.page.title", "error.page.missing"));
        routes.error(HttpStatus.INTERNAL_SERVER_ERROR.getCode(), "html", ctx -> errorPage(ctx, "error.page.failed.title", "error.page.failed"));
    }

    private static void errorPage(Context ctx, String title, String message) {
        Messages words = Language.choose(ctx, null);
        html(ctx, Pages.render("error.html", Map.of("title", words.text(title), "message", words.text(message)), Map.of(), words));
    }

    /** The page asked for (from 1); anything else is the first. */
    private static int page(Context ctx) {
        return Pages.number(ctx.queryParam("page"), 1, 1, Integer.MAX_VALUE);
    }

    private static int size(Context ctx) {
        return Pages.number(ctx.queryParam("size"), LiveState.PAGE_SIZE, 1, MAX_PAGE_SIZE);
    }

    private static void html(Context ctx, String page) {
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    private static InputStream resource(String name) {
        return DashboardServer.class.getResourceAsStream(name);
    }

    public DashboardServer start(int port) {
        requestedPort = port;
        app.start();
        log.info("dashboard listening on port {}, /metrics on {}:{}", port(), management.get().getHost() == null ? "*" : management.get().getHost(),
                managementPort());
        return this;
    }

    /** The public port (the one asked for, or the one given for 0). */
    public int port() {
        return publicConnector.get().getLocalPort();
    }

    /** The port of {@code /metrics} and the health checks (the one asked for, or the one given for 0). */
    public int managementPort() {
        return management.get().getLocalPort();
    }

    public int liveClients() {
        return events.size();
    }

    /** Live streams refused by a limit since the start. */
    public long refusedStreams() {
        return events.refused();
    }

    /** Live streams closed because their client read too slowly, since the start. */
    public long droppedStreams() {
        return events.dropped();
    }

    @Override
    public void close() {
        events.close();
        app.stop();
    }
}
