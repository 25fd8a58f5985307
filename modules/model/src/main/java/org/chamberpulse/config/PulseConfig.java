package org.chamberpulse.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.chamberpulse.model.Sentiment;

/**
 * The one typed configuration of ChamberPulse. Values come, each overriding the one before, from the
 * {@link #DEFAULTS}, a properties file, {@code PULSE_*} environment variables ({@code PULSE_HTTP_PORT}
 * sets {@code http.port}) and command-line options. {@code kafka.*} settings pass through to every
 * Kafka client unchanged ({@code kafka.security.protocol=SASL_SSL}).
 *
 * @param bootstrap       Kafka bootstrap servers; empty means "start the embedded broker"
 * @param dataDir         where the embedded broker and the Streams state live
 * @param stateRetention  how long a meeting that has run keeps its comments in the topology's state after it
 *                        last heard anything (wall clock); then it is closed for good
 * @param reportGrace     how long an adjourned meeting must be quiet (wall clock) before its record is final
 *                        and written to pulse.reports (a new version if anything changes later)
 * @param dashboardViews  how many meetings' views a dashboard keeps in memory; the others wait on disk
 * @param stateComments   how many comments' derived state the topology of an instance keeps in memory together;
 *                        past it, the least recently used meetings are rebuilt from the stores when needed
 * @param commentRetention how long the topics that hold comments' text keep them (pulse.comments.raw,
 *                        pulse.comments.scored, pulse.dlq): the time comments are kept after a meeting
 * @param emitInterval    at most one summary per item per interval
 * @param authorSecret    the deployment secret that keys the pseudonyms of authors; empty: one kept in the data directory
 * @param apiKeys         keys the ingest API accepts; empty: the API is open
 * @param apiRate         requests a second each API key (or, without keys, each client address) may make
 * @param clerkUsers      {@code name:hash} pairs of the clerk console's users (hashes from {@code chamberpulse hash-password})
 * @param secureCookies   mark the session cookie Secure (behind HTTPS)
 * @param role            what this instance runs: everything, the topology alone (health and metrics
 *                        over HTTP), or the dashboard alone (with the ingest API, console and report)
 * @param web             where the HTTP server listens and the limits of its public edge
 * @param sources         the social networks the ingest role follows (an empty setting turns a source off)
 * @param councilTimezone the zone the clerk's create form offers for a new meeting (each meeting keeps its own)
 * @param webhooks        where every alert is also POSTed, signed (none: alerts stay on the pages)
 * @param moderationWords a council's word lists on top of the shipped ones (null: the shipped ones alone)
 * @param sentimentModel  the model that scores English comments: the tuned one (default: the better on
 *                        labelled tweets) or VADER
 */
public record PulseConfig(
        String bootstrap,
        Path dataDir,
        int brokerPort,
        int httpPort,
        String applicationId,
        int partitions,
        short replicationFactor,
        int streamThreads,
        Duration commitInterval,
        Duration emitInterval,
        Duration stateRetention,
        Duration reportGrace,
        Duration commentRetention,
        String authorSecret,
        List<String> apiKeys,
        int apiRate,
        List<String> clerkUsers,
        boolean secureCookies,
        Role role,
        int dashboardViews,
        long stateComments,
        Web web,
        Sources sources,
        ZoneId councilTimezone,
        Webhooks webhooks,
        Path moderationWords,
        Sentiment.Model sentimentModel,
        Map<String, String> kafka) {

    /**
     * Alerts beyond the page (issue 21).
     *
     * @param urls   receivers of a JSON POST per alert
     * @param secret the key of the HMAC-SHA256 signature each POST carries; required with any URL
     */
    public record Webhooks(List<URI> urls, String secret) {
        public Webhooks {
            urls = List.copyOf(urls);
        }
    }

    /**
     * Where the ingest role follows the hashtags of the meetings whose window is open (issue 18).
     *
     * @param mastodonServers base URLs of Mastodon servers (one stream per server and hashtag)
     * @param mastodonToken   a token with {@code read:statuses}, for servers that ask for one; empty: none
     * @param blueskyEndpoint a Jetstream {@code subscribe} WebSocket URL (one connection for every hashtag); empty: off
     * @param xBearerToken    the X API's bearer token; empty: X is off
     * @param xEndpoint       the X API's base URL (tests and proxies point it elsewhere)
     */
    public record Sources(List<URI> mastodonServers, String mastodonToken, String blueskyEndpoint, String xBearerToken, String xEndpoint) {
        public Sources {
            mastodonServers = List.copyOf(mastodonServers);
        }

        public boolean any() {
            return !mastodonServers.isEmpty() || !blueskyEndpoint.isEmpty() || !xBearerToken.isEmpty();
        }
    }

    /**
     * The HTTP side: where it listens, and what one client may hold of it.
     *
     * @param bind            the address of the public port ({@code http.port}); empty: every interface
     * @param metricsPort     the management port: {@code /metrics} and the health checks, nothing else (0: any free port)
     * @param metricsBind     the address of the management port; loopback unless a scraper elsewhere needs it
     * @param sseMax          live streams ({@code /events}) open at once, over every client
     * @param ssePerAddress   live streams open at once from one address (an IPv6 /64 counts as one)
     * @param sseHeartbeat    how often a quiet live stream gets a comment line, which keeps proxies from closing
     *                        it and finds dead clients (under the 30 s after which Jetty closes a silent connection)
     * @param httpPerAddress  requests one address may have in progress at once (others wait their turn)
     * @param bodyTimeout     how long a request's body may take to arrive in full
     * @param commentForm     whether residents may comment through the form at {@code /meetings/{id}/comment}
     * @param trustedProxies  the proxies whose {@code X-Forwarded-For} names the client (the limits, the login
     *                        throttle and the audit log then count that client); empty: every peer is the client
     */
    public record Web(String bind, int metricsPort, String metricsBind, int sseMax, int ssePerAddress, Duration sseHeartbeat, int httpPerAddress,
                      Duration bodyTimeout, boolean commentForm, List<Cidr> trustedProxies) {
        public Web {
            trustedProxies = List.copyOf(trustedProxies);
        }
    }

    /** What one instance runs; several instances share the work of the topology by its application id. */
    public enum Role {
        ALL, TOPOLOGY, DASHBOARD, INGEST;

        public boolean runsTopology() {
            return this == ALL || this == TOPOLOGY;
        }

        public boolean runsDashboard() {
            return this == ALL || this == DASHBOARD;
        }

        public boolean runsIngest() {
            return this == ALL || this == INGEST;
        }
    }

    public static final String ENV_PREFIX = "PULSE_";
    public static final String KAFKA_PREFIX = "kafka.";

    /** As {@code stream.threads}: one Streams thread per processor of the machine. */
    public static final String CORES = "cores";

    /** As {@code state.comments}: as many as half the heap holds, at {@link #BYTES_A_COMMENT}. */
    public static final String HEAP = "heap";
    /** The heap a comment's derived state takes, measured (scripts/bench footprint, docs/BENCHMARKS.md) with room to spare. */
    static final long BYTES_A_COMMENT = 600;

    /** Every default, in one place. */
    public static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("bootstrap", "");
        d.put("data.dir", "data");
        d.put("broker.port", "9092");
        d.put("http.port", "8080");
        d.put("application.id", "chamberpulse");
        d.put("partitions", "6");
        d.put("replication.factor", "1");
        d.put("stream.threads", CORES);
        d.put("commit.interval", "100ms");
        d.put("emit.interval", "250ms");
        d.put("state.retention", "2d");
        d.put("report.grace", "15s");
        d.put("comments.retention", "30d");
        d.put("author.secret", "");
        d.put("api.keys", "");
        d.put("api.rate", "20");
        d.put("clerk.users", "");
        d.put("cookie.secure", "false");
        d.put("role", "all");
        d.put("dashboard.views", "200");
        d.put("state.comments", HEAP);
        d.put("http.bind", "");
        d.put("metrics.port", "9464");
        d.put("metrics.bind", "127.0.0.1");
        d.put("sse.max", "12000");
        d.put("sse.per.address", "200");
        d.put("sse.heartbeat", "15s");
        d.put("http.per.address", "32");
        d.put("http.body.timeout", "20s");
        d.put("trusted.proxies", "");
        d.put("webform.enabled", "true");
        d.put("sources.mastodon.servers", "");
        d.put("sources.mastodon.token", "");
        d.put("sources.bluesky.endpoint", "");
        d.put("sources.x.bearer-token", "");
        d.put("sources.x.endpoint", "https://api.x.com");
        d.put("council.timezone", "Europe/London");
        d.put("alerts.webhook.urls", "");
        d.put("alerts.webhook.secret", "");
        d.put("moderation.words", "");
        d.put("sentiment.model", Sentiment.Model.DEFAULT.wireName());
        return Map.copyOf(d);
    }

    public PulseConfig {
        kafka = Map.copyOf(kafka);
        apiKeys = List.copyOf(apiKeys);
        clerkUsers = List.copyOf(clerkUsers);
    }

    /** Secrets never reach a log through toString. */
    @Override
    public String toString() {
        return "PulseConfig[bootstrap=" + bootstrap + ", dataDir=" + dataDir + ", httpPort=" + httpPort + ", applicationId=" + applicationId
                + ", partitions=" + partitions + ", authorSecret=" + (authorSecret.isEmpty() ? "(data dir)" : "(set)")
                + ", metricsPort=" + web.metricsPort() + ", apiKeys=" + apiKeys.size() + ", clerkUsers=" + clerkUsers.size() + ", role=" + role + ", sources=" + sources.mastodonServers() + (sources.blueskyEndpoint().isEmpty() ? "" : " bluesky")
                + (sources.xBearerToken().isEmpty() ? "" : " x") + ", kafka=" + kafka.keySet() + "]";
    }

    /** The same configuration with the author secret given (resolved from the data directory at start). */
    public PulseConfig withAuthorSecret(String secret) {
        return new PulseConfig(bootstrap, dataDir, brokerPort, httpPort, applicationId, partitions, replicationFactor, streamThreads, commitInterval,
                emitInterval, stateRetention, reportGrace, commentRetention, secret, apiKeys, apiRate, clerkUsers, secureCookies, role,
                dashboardViews, stateComments, web, sources, councilTimezone, webhooks, moderationWords, sentimentModel, kafka);
    }

    public boolean embeddedBroker() {
        return bootstrap.isBlank();
    }

    public static PulseConfig defaultConfig() {
        return fromSettings(Map.of());
    }

    /**
     * @param file      a properties file, or null
     * @param env       the process environment; only {@code PULSE_*} entries are read
     * @param overrides command-line settings, by the same keys as the file
     */
    public static PulseConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (file != null) {
            settings.putAll(readFile(file));
        }
        settings.putAll(fromEnvironment(env));
        settings.putAll(overrides);
        return fromSettings(settings);
    }

    public static PulseConfig fromSettings(Map<String, String> settings) {
        Map<String, String> merged = new TreeMap<>(DEFAULTS);
        Map<String, String> kafka = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        settings.forEach((key, value) -> {
            if (key.startsWith(KAFKA_PREFIX)) {
                kafka.put(key.substring(KAFKA_PREFIX.length()), value);
            } else if (DEFAULTS.containsKey(key)) {
                merged.put(key, value == null ? "" : value.strip());
            } else {
                problems.add("unknown setting '" + key + "' (known: " + String.join(", ", new TreeMap<>(DEFAULTS).keySet()) + ", kafka.*)");
            }
        });
        Parser p = new Parser(merged, problems);
        PulseConfig config = new PulseConfig(
                p.text("bootstrap", true),
                Path.of(p.text("data.dir", false)),
                p.integer("broker.port", 0, 65_535),
                p.integer("http.port", 0, 65_535),
                p.text("application.id", false),
                p.integer("partitions", 1, 1_000),
                (short) p.integer("replication.factor", 1, 10),
                p.threads("stream.threads", 64),
                p.duration("commit.interval", Duration.ofMillis(10), Duration.ofMinutes(10)),
                p.duration("emit.interval", Duration.ofMillis(10), Duration.ofMinutes(10)),
                p.duration("state.retention", Duration.ofMinutes(1), Duration.ofDays(3_650)),
                p.duration("report.grace", Duration.ofSeconds(1), Duration.ofDays(30)),
                p.duration("comments.retention", Duration.ofHours(1), Duration.ofDays(3_650)),
                p.text("author.secret", true),
                p.list("api.keys"),
                p.integer("api.rate", 1, 100_000),
                p.list("clerk.users"),
                p.bool("cookie.secure"),
                p.choice("role", Role.class),
                p.integer("dashboard.views", 1, 100_000),
                p.comments("state.comments"),
                new Web(p.text("http.bind", true),
                        p.integer("metrics.port", 0, 65_535),
                        p.text("metrics.bind", true),
                        p.integer("sse.max", 1, 1_000_000),
                        p.integer("sse.per.address", 1, 1_000_000),
                        p.duration("sse.heartbeat", Duration.ofMillis(100), Duration.ofSeconds(25)),
                        p.integer("http.per.address", 1, 10_000),
                        p.duration("http.body.timeout", Duration.ofSeconds(1), Duration.ofMinutes(10)),
                        p.bool("webform.enabled"),
                        p.cidrs("trusted.proxies")),
                new Sources(p.urls("sources.mastodon.servers"),
                        p.text("sources.mastodon.token", true),
                        p.url("sources.bluesky.endpoint", "ws", "wss"),
                        p.text("sources.x.bearer-token", true),
                        p.url("sources.x.endpoint", "http", "https")),
                p.zone("council.timezone"),
                new Webhooks(p.endpoints("alerts.webhook.urls"), p.text("alerts.webhook.secret", true)),
                p.text("moderation.words", true).isEmpty() ? null : Path.of(p.text("moderation.words", true)),
                p.choice("sentiment.model", Sentiment.Model.class),
                kafka);
        if (config.httpPort() != 0 && config.httpPort() == config.web().metricsPort()) {
            problems.add("metrics.port must differ from http.port (" + config.httpPort() + "): the management port serves /metrics apart");
        }
        if (!config.webhooks().urls().isEmpty() && config.webhooks().secret().isEmpty()) {
            problems.add("alerts.webhook.secret must be set with alerts.webhook.urls: receivers check each alert's signature with it");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
        return config;
    }

    /** Settings whose names hold a '-', which an environment variable's name cannot: PULSE_SOURCES_X_BEARER_TOKEN. */
    private static final Map<String, String> ENV_SPELLINGS = Map.of("sources.x.bearer.token", "sources.x.bearer-token");

    static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> settings = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                settings.put(ENV_SPELLINGS.getOrDefault(key, key), value);
            }
        });
        return settings;
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        return settings;
    }

    /** Accepts "250ms", "30s", "15m", "48h", "2d" or an ISO-8601 duration such as "PT0.25S". */
    public static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        int split = 0;
        while (split < t.length() && Character.isDigit(t.charAt(split))) {
            split++;
        }
        if (split == 0) {
            throw new IllegalArgumentException("not a duration");
        }
        long amount = Long.parseLong(t.substring(0, split));
        return switch (t.substring(split)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown unit");
        };
    }

    /** Reads typed values and collects every problem, so one start reports them all. */
    private record Parser(Map<String, String> values, List<String> problems) {

        String text(String key, boolean mayBeEmpty) {
            String value = values.get(key);
            if (!mayBeEmpty && value.isEmpty()) {
                problems.add(key + " must not be empty");
            }
            return value;
        }

        List<String> list(String key) {
            return Arrays.stream(values.get(key).split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
        }

        ZoneId zone(String key) {
            String value = values.get(key);
            try {
                return ZoneId.of(value);
            } catch (DateTimeException e) {
                problems.add(key + " must be a time zone such as Europe/London, got '" + value + "'");
                return ZoneOffset.UTC;
            }
        }

        /** Absolute http(s) URLs of servers, each ending in '/' so that API paths resolve under it. */
        List<URI> urls(String key) {
            List<URI> urls = new ArrayList<>();
            for (String entry : list(key)) {
                String checked = checkedUrl(key, entry, "http", "https");
                if (!checked.isEmpty()) {
                    urls.add(URI.create(checked.endsWith("/") ? checked : checked + "/"));
                }
            }
            return urls;
        }

        /** Absolute http(s) URLs, used as given. */
        List<URI> endpoints(String key) {
            List<URI> urls = new ArrayList<>();
            for (String entry : list(key)) {
                String checked = checkedUrl(key, entry, "http", "https");
                if (!checked.isEmpty()) {
                    urls.add(URI.create(checked));
                }
            }
            return urls;
        }

        /** An absolute URL with one of the schemes, or empty. */
        String url(String key, String... schemes) {
            String value = values.get(key);
            return value.isEmpty() ? value : checkedUrl(key, value, schemes);
        }

        private String checkedUrl(String key, String value, String... schemes) {
            try {
                URI uri = new URI(value);
                if (uri.getScheme() != null && List.of(schemes).contains(uri.getScheme().toLowerCase(Locale.ROOT)) && uri.getHost() != null) {
                    return value;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            problems.add(key + ": '" + value + "' is not an absolute " + String.join(" or ", schemes) + " URL");
            return "";
        }

        List<Cidr> cidrs(String key) {
            List<Cidr> blocks = new ArrayList<>();
            for (String entry : list(key)) {
                try {
                    blocks.add(Cidr.parse(entry));
                } catch (IllegalArgumentException e) {
                    problems.add(key + ": " + e.getMessage());
                }
            }
            return blocks;
        }

        boolean bool(String key) {
            String value = values.get(key);
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                problems.add(key + " must be true or false, got '" + value + "'");
            }
            return value.equalsIgnoreCase("true");
        }

        <E extends Enum<E>> E choice(String key, Class<E> type) {
            String value = values.get(key);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value)) {
                    return constant;
                }
            }
            problems.add(key + " must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList() + ", got '" + value + "'");
            return type.getEnumConstants()[0];
        }

        int integer(String key, int min, int max) {
            String value = values.get(key);
            try {
                int n = Integer.parseInt(value);
                if (n < min || n > max) {
                    problems.add(key + " must lie between " + min + " and " + max + ", got " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                problems.add(key + " must be a whole number, got '" + value + "'");
                return min;
            }
        }

        /** A number of threads, or "cores": as many as the machine has processors (at most {@code max}). */
        int threads(String key, int max) {
            if (CORES.equals(values.get(key))) {
                return Math.min(max, Runtime.getRuntime().availableProcessors());
            }
            return integer(key, 1, max);
        }

        /** A number of comments, or "heap": as many as half the heap holds. */
        long comments(String key) {
            String value = values.get(key);
            if (HEAP.equals(value)) {
                return Runtime.getRuntime().maxMemory() / 2 / BYTES_A_COMMENT;
            }
            try {
                long n = Long.parseLong(value);
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            problems.add(key + " must be '" + HEAP + "' or a whole number of at least 1, got '" + value + "'");
            return 1;
        }

        Duration duration(String key, Duration min, Duration max) {
            String value = values.get(key);
            try {
                Duration d = parseDuration(value);
                if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                    problems.add(key + " must lie between " + min + " and " + max + ", got " + value);
                }
                return d;
            } catch (RuntimeException e) {
                problems.add(key + " must be a duration such as 250ms, 30s, 15m, 48h or 2d, got '" + value + "'");
                return min;
            }
        }
    }
}
