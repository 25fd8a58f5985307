package org.chamberpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.dashboard.Passwords;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 19 against a real {@code run}: posts by a Mastodon user and a Bluesky DID, written raw to the input
 * topic as a third party's producer would, mentioning a private person, reach no public output with any of
 * their names; the person can be erased; and nobody can lock the clerk out from another address.
 */
@Tag("integration")
@Timeout(240)
class PrivacyIntegrationTest {

    private static final String PASSWORD = "a long clerk password";
    private static final List<String> NAMES = List.of("alice", "did:plc:q7x2privacy", "q7x2privacy", "bob", "users/alice", "mastodon.social");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void shouldPublishNoAuthorIdOrMentionAndEraseOnRequest(@TempDir Path dir) throws Exception {
        // given
        PulseConfig config = TestRuntimes.config(dir, "privacy-it", "report.grace", "1s");
        try (PulseRuntime runtime = PulseRuntime.start(config)) {
            runtime.awaitRunning(Duration.ofSeconds(60));
            String base = "http://localhost:" + runtime.httpPort();
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
            try (PulseProducer producer = new PulseProducer(config, runtime.bootstrapServers())) {
                producer.send(Topics.MEETINGS, "priv", new Meeting("priv", "Cabinet", "Test Council", List.of("privlive"), start, "Europe/London", 0,
                        List.of(new AgendaItem("1", "1", "Buses", false, null, null)))).get();
                producer.send(Topics.AGENDA, "priv", new AgendaEvent("priv", AgendaEventType.ITEM_STARTED, "1", start, "clerk")).get();
            }

            // when: raw posts straight onto the input topic, handles and source ids as the networks give them
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            try (KafkaProducer<String, String> raw = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", runtime.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                raw.send(new ProducerRecord<>(Topics.COMMENTS_RAW.name(), "m1", comment("mastodon:https://mastodon.social/users/alice/statuses/1",
                        "mastodon", "alice", "Thanks @bob for asking about the buses #privlive", now))).get();
                raw.send(new ProducerRecord<>(Topics.COMMENTS_RAW.name(), "b1", comment("bluesky:at://did:plc:q7x2privacy/app.bsky.feed.post/1",
                        "bluesky", "did:plc:q7x2privacy", "Agree with @bob.bsky.social, buses matter #privlive", now))).get();
                raw.send(new ProducerRecord<>(Topics.COMMENTS_RAW.name(), "w1", comment("web:w1", "web", "carol",
                        "The buses are late again https://mastodon.social/@bob #privlive", now))).get();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> count(base) == 3);

            // then: no public output names them
            List<String> outputs = new ArrayList<>();
            outputs.add(get(base + "/api/v1/meetings"));
            outputs.add(get(base + "/api/v1/meetings/priv/summary"));
            outputs.add(snapshot(runtime.httpPort()));
            for (String file : List.of("report.html", "report.json", "comments.csv", "summary.csv")) {
                outputs.add(get(base + "/meetings/priv/report/" + file));
            }
            outputs.addAll(topic(runtime.bootstrapServers(), Topics.SUMMARIES.name()));
            outputs.addAll(topic(runtime.bootstrapServers(), Topics.VIEWS.name()));
            outputs.addAll(topic(runtime.bootstrapServers(), Topics.ALERTS.name()));
            assertThat(String.join("\n", outputs)).contains("buses").doesNotContain(NAMES.toArray(String[]::new));

            // and when alice asks to be erased
            int exit = new CommandLine(new ChamberPulse()).execute("erase", "--source", "mastodon", "--author", "alice",
                    "--bootstrap", runtime.bootstrapServers(), "--data-dir", dir.toString());

            // then her comment leaves the count, and the others stay
            assertThat(exit).isZero();
            await().atMost(Duration.ofSeconds(60)).until(() -> count(base) == 2);
            assertThat(get(base + "/api/v1/meetings/priv/summary")).doesNotContain("Thanks");
        }
    }

    @Test
    void shouldLetTheClerkInFromAnotherAddressWhileSomeoneGuessesFromOne(@TempDir Path dir) throws Exception {
        // given
        PulseConfig config = TestRuntimes.config(dir, "lockout-it", "role", "dashboard", "bootstrap", "", "clerk.users",
                "clerk:" + Passwords.hash(PASSWORD.toCharArray()));
        try (PulseRuntime runtime = PulseRuntime.start(config)) {
            int port = runtime.httpPort();

            // when: ten wrong passwords for "clerk" from 127.0.0.1
            List<Integer> guesses = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                guesses.add(login(port, "127.0.0.1", "clerk", "guess" + i));
            }
            int clerk = login(port, "127.0.0.2", "clerk", PASSWORD);

            // then: the guesser waits, the clerk is in at once
            assertThat(guesses).contains(429);
            assertThat(clerk).isEqualTo(303);
        }
    }

    /** POST /login from a given local address; the status. */
    private static int login(int port, String from, String user, String password) throws Exception {
        String form = "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("POST /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + form.length() + "\r\n\r\n" + form).getBytes(StandardCharsets.ISO_8859_1));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private static String comment(String id, String source, String author, String text, String at) throws Exception {
        return Json.MAPPER.writeValueAsString(Map.of("id", id, "source", source, "author", author, "text", text, "hashtags", List.of("privlive"),
                "createdAt", at, "receivedAt", at, "lang", "en"));
    }

    private long count(String base) throws Exception {
        HttpResponse<String> summary = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/meetings/priv/summary")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (summary.statusCode() != 200) {
            return -1;
        }
        var items = Json.MAPPER.readTree(summary.body()).path("items");
        long count = 0;
        for (var item : items) {
            count += item.path("count").asLong();
        }
        return count;
    }

    private String get(String url) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(url).isEqualTo(200);
        return answer.body();
    }

    /** The first event of the meeting's live stream. */
    private static String snapshot(int port) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write("GET /events?meeting=priv HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.startsWith("data:")) {
                // headers and the event's name
            }
            return line;
        }
    }

    /** Every value on a topic now, as text. */
    private static List<String> topic(String bootstrap, String name) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(name).stream().map(p -> new TopicPartition(name, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.key() + " " + record.value());
                }
            }
        }
        return values;
    }
}
