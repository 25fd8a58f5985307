package org.chamberpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.dashboard.Passwords;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.model.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The attacks of issue 23, each against a real {@code run} (broker, topology and dashboard in one JVM), on
 * loopback, without a login unless the attack needs one.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class HostileWebIntegrationTest {

    private static final String PASSWORD = "a long clerk password";
    private static final Instant START = Instant.parse("2026-11-27T14:00:00Z");

    private Path dir;
    private PulseRuntime runtime;
    private String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        PulseConfig config = TestRuntimes.config(dir, "hostile-it", "api.rate", "1000", "clerk.users", "ada:" + Passwords.hash(PASSWORD.toCharArray()));
        runtime = PulseRuntime.start(config);
        runtime.awaitRunning(Duration.ofSeconds(60));
        base = "http://localhost:" + runtime.httpPort();
        try (PulseProducer producer = new PulseProducer(config, runtime.bootstrapServers())) {
            producer.send(Topics.MEETINGS, "hostile", new Meeting("hostile", "Cabinet", "Test Council", List.of("hostilelive"), START,
                    "Europe/London", 0, List.of(new AgendaItem("1", "1", "Questions", false, null, null)))).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/v1/meetings/hostile/summary").statusCode() == 200);
    }

    @AfterAll
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void shouldReturnEveryFileDescriptorOfStreamsItsClientsClosed() throws Exception {
        // given
        long before = openFiles();

        // when: 5,000 times, a live stream opened, read to its snapshot, and closed
        for (int i = 0; i < 5_000; i++) {
            try (Socket socket = new Socket("localhost", runtime.httpPort())) {
                socket.getOutputStream().write(ascii("GET /events?meeting=hostile HTTP/1.1\r\nHost: x\r\n\r\n"));
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                String line;
                do {
                    line = in.readLine();
                } while (line != null && !line.startsWith("data:"));
            }
        }

        // then
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(openFiles()).isLessThan(before + 100));
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldKeepAReadingViewerUpToDateWhileFiveViewersNeverRead() throws Exception {
        AtomicLong newestSeen = new AtomicLong();
        List<Socket> sockets = new ArrayList<>();
        // given: a meeting, five viewers of the list and of the meeting that never read, and one that does
        try (KafkaProducer<String, byte[]> views = rawProducer()) {
            views.send(new ProducerRecord<>(Topics.VIEWS.name(), "flood", view(1))).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/meetings/flood/summary").statusCode() == 200);
            List<Socket> stalled = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Socket socket = new Socket("localhost", runtime.httpPort());
                socket.setReceiveBufferSize(4096);
                socket.getOutputStream().write(ascii("GET /events" + (i % 2 == 0 ? "" : "?meeting=flood") + " HTTP/1.1\r\nHost: x\r\n\r\n"));
                stalled.add(socket);
            }
            Socket reading = new Socket("localhost", runtime.httpPort());
            reading.getOutputStream().write(ascii("GET /events?meeting=flood HTTP/1.1\r\nHost: x\r\n\r\n"));
            Thread reader = new Thread(() -> follow(reading, newestSeen));
            reader.setDaemon(true);
            reader.start();
            sockets.addAll(stalled);
            sockets.add(reading);

            // when: its view changes 300 times, 200 KB each (straight onto pulse.views, faster than the topology would)
            for (long version = 2; version <= 300; version++) {
                views.send(new ProducerRecord<>(Topics.VIEWS.name(), "flood", view(version)));
            }
            views.flush();
        }

        // then: the reading viewer sees the last one soon after, and the server still answers
        await().atMost(Duration.ofSeconds(15)).until(() -> newestSeen.get() == 300);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Test
    void shouldAnswerHealthLoginAndApiWhile300SocketsTrickleBodies() throws Exception {
        // given: 300 requests that announce a body and send one byte of it now and then
        List<Socket> trickling = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Socket socket = new Socket("localhost", runtime.httpPort());
            String path = i % 3 == 0 ? "/api/v1/comments" : "/login";
            String type = path.equals("/login") ? "application/x-www-form-urlencoded" : "application/json";
            socket.getOutputStream().write(ascii("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + type + "\r\nContent-Length: 10000\r\n\r\nu"));
            trickling.add(socket);
        }

        // when and then: the others are answered (within the clients' timeouts of 5 s), and go on being answered while the bodies trickle
        for (int round = 0; round < 5; round++) {
            for (Socket socket : trickling) {
                if (!socket.isClosed()) {
                    try {
                        socket.getOutputStream().write('u');
                    } catch (IOException e) {
                        socket.close();
                    }
                }
            }
            assertThat(get("/health/ready").statusCode()).isEqualTo(200);
            assertThat(get("/login").statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/comments")).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"id\":\"t" + round + "\",\"author\":\"a\",\"text\":\"Trickle test #hostilelive\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
        }
        for (Socket socket : trickling) {
            socket.close();
        }
    }

    @Test
    void shouldWriteAtMostAClippedUserNameToTheLogAndTheAuditLog() throws Exception {
        // given
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        Path audit = dir.resolve("audit.log");
        long auditBefore = Files.exists(audit) ? Files.size(audit) : 0;
        try {
            // when: a user name of 1 MB, and one of 15 KB (under the form's limit)
            HttpResponse<String> huge = login("x".repeat(1 << 20), "wrong", "/clerk");
            HttpResponse<String> large = login("y".repeat(15_000), "wrong", "/clerk");

            // then
            assertThat(huge.statusCode()).isEqualTo(413);
            assertThat(large.statusCode()).isEqualTo(401);
        } finally {
            root.detachAppender(logs);
        }
        long logged = logs.list.stream().mapToLong(e -> e.getFormattedMessage().length()
                + (e.getThrowableProxy() == null ? 0 : 5_000)).sum();
        assertThat(logged).as("characters logged").isLessThan(2_000);
        assertThat(Files.size(audit) - auditBefore).as("bytes added to the audit log").isLessThan(1_000);
    }

    @Test
    void shouldRedirectAfterLoginOnlyToAPathOnThisSite() throws Exception {
        // given: open-redirect payloads, as lists of them give them
        List<String> payloads = List.of("//evil.example", "///evil.example", "////evil.example", "/\\evil.example", "\\\\evil.example",
                "/\t/evil.example/phish", "/%09/evil.example/phish", "/%2F/evil.example", "/%2f%2fevil.example", "/%5Cevil.example",
                "/%255C%255Cevil.example", "/%252F%252Fevil.example", "https://evil.example", "http:evil.example", "//evil.example/%2e%2e",
                "javascript:alert(1)", " //evil.example", "/\n/evil.example", "/%0d%0aLocation:%20https://evil.example", "/\r\n/evil.example",
                "/%E2%80%8B/evil.example", "/\u3002evil.example", "//evil%E3%80%82example", "evil.example", "@evil.example");

        // when and then
        for (String next : payloads) {
            HttpResponse<String> answer = login("ada", PASSWORD, next);
            assertThat(answer.statusCode()).as(next).isEqualTo(303);
            String location = answer.headers().firstValue("Location").orElseThrow();
            assertThat(location).as(next).isEqualTo("/clerk");
        }
        assertThat(login("ada", PASSWORD, "/clerk/hostile").headers().firstValue("Location")).hasValue("/clerk/hostile");
    }

    private HttpResponse<String> login(String user, String password, String next) throws Exception {
        String form = "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(base + "/login")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] view(long version) throws IOException {
        Meeting meeting = new Meeting("flood", "F".repeat(200_000), "Test Council", List.of("floodlive"), START, "Europe/London", 0,
                List.of(new AgendaItem("1", "1", "Questions", false, null, null)));
        return Json.MAPPER.writeValueAsBytes(new MeetingView("flood", meeting, List.of(), List.of(), null, null, null,
                List.of(), List.of(), List.of(), null, version));
    }

    /** Reads a stream and keeps the newest version of the views it brings. */
    private static void follow(Socket socket, AtomicLong newest) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                int at = line.lastIndexOf("\"version\":");
                if (line.startsWith("data:") && at > 0) {
                    String digits = line.substring(at + 10).replaceAll("\\D.*", "");
                    newest.accumulateAndGet(Long.parseLong(digits), Math::max);
                }
            }
        } catch (IOException e) {
            // closed at the end of the test
        }
    }

    private KafkaProducer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", runtime.bootstrapServers(), "max.request.size", "2000000"),
                new StringSerializer(), new ByteArraySerializer());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long openFiles() throws IOException {
        try (var files = Files.list(Path.of("/proc/self/fd"))) {
            return files.count();
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
