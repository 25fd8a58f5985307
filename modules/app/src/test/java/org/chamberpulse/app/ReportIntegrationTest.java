package org.chamberpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.ingest.Replay;
import org.chamberpulse.ingest.ReplayFile;
import org.chamberpulse.ingest.SampleMeeting;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.Topics;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** After a replayed meeting, the report agrees with the final summaries, figure for figure, on disk and served. */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReportIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldReportExactlyTheFinalSummariesOfAReplayedMeeting(@TempDir Path dir) throws Exception {
        // given
        PulseConfig config = TestRuntimes.config(dir, "report-it");
        SampleMeeting.Sample sample = SampleMeeting.bundled();
        String meetingId = sample.meeting().meetingId();
        try (PulseRuntime runtime = PulseRuntime.start(config)) {
            runtime.awaitRunning(Duration.ofSeconds(60));
            try (PulseProducer producer = new PulseProducer(config, runtime.bootstrapServers())) {
                new Replay(producer, Pseudonyms.fromConfig(config), new PrintStream(OutputStream.nullOutputStream()), false).run(Optional.of(sample.meeting()), sample.agenda(),
                        sample.comments().stream().map(c -> new ReplayFile.Line<>(0, c, null)).toList(), 0);
            }
            Map<String, ItemSummary> finals = settledSummaries(runtime.bootstrapServers(), meetingId);
            String base = "http://localhost:" + runtime.httpPort() + "/meetings/" + meetingId + "/report";

            // when
            int exit = ChamberPulse.commandLine().execute("report", "--meeting", meetingId, "--out", dir.resolve("out").toString(),
                    "--bootstrap", runtime.bootstrapServers());
            HttpResponse<String> page = get(base);
            HttpResponse<String> summaryCsv = get(base + "/summary.csv");
            HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(URI.create(base + "/report.pdf")).build(), HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<String> unknown = get("http://localhost:" + runtime.httpPort() + "/meetings/no-such-meeting/report");

            // then
            assertThat(exit).isZero();
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).isEqualTo("There is no meeting with that id.");

            assertHtmlAgrees(Jsoup.parse(Files.readString(dir.resolve("out/report.html"))), finals);
            assertHtmlAgrees(Jsoup.parse(page.body()), finals);
            assertSummaryCsvAgrees(Files.readString(dir.resolve("out/summary.csv")), finals);
            assertSummaryCsvAgrees(summaryCsv.body(), finals);
            Map<String, Long> commentRows = csv(Files.readString(dir.resolve("out/comments.csv"))).stream()
                    .collect(Collectors.groupingBy(r -> r.get("itemId"), Collectors.counting()));
            finals.values().stream().filter(s -> s.count() > 0)
                    .forEach(s -> assertThat(commentRows.get(s.itemId())).as("comments.csv rows of item %s", s.itemId()).isEqualTo(s.count()));
            var json = Json.MAPPER.readTree(dir.resolve("out/report.json").toFile());
            for (var item : json.get("items")) {
                ItemSummary expected = finals.get(item.get("itemId").asText());
                assertThat(Json.MAPPER.treeToValue(item, ItemSummary.class)).isEqualTo(expected);
            }
            assertThat(json.get("items")).hasSize(finals.size());
        }
    }

    private static void assertHtmlAgrees(Document html, Map<String, ItemSummary> finals) {
        List<Element> rows = html.select("#items tbody tr");
        assertThat(rows).hasSize(finals.size());
        long total = 0;
        for (Element row : rows) {
            ItemSummary s = finals.get(row.attr("data-item"));
            assertThat(s).as("summary of row %s", row.attr("data-item")).isNotNull();
            assertThat(cell(row, "count")).isEqualTo(s.count());
            assertThat(cell(row, "reposts")).isEqualTo(s.reposts());
            assertThat(cell(row, "uniqueAuthors")).isEqualTo(s.uniqueAuthors());
            assertThat(cell(row, "flagged")).isEqualTo(s.flagged());
            assertThat(cell(row, "positive")).isEqualTo(s.sentiment().positive());
            assertThat(cell(row, "neutral")).isEqualTo(s.sentiment().neutral());
            assertThat(cell(row, "negative")).isEqualTo(s.sentiment().negative());
            assertThat(cell(row, "unscored")).isEqualTo(s.sentiment().unscored());
            total += s.count();
        }
        assertThat(Long.parseLong(html.getElementById("total-count").text())).isEqualTo(total);
        assertThat(html.select("svg")).hasSize(3);
    }

    private static void assertSummaryCsvAgrees(String text, Map<String, ItemSummary> finals) throws Exception {
        List<CSVRecord> rows = csv(text);
        assertThat(rows).hasSize(finals.size());
        for (CSVRecord row : rows) {
            ItemSummary s = finals.get(row.get("itemId"));
            assertThat(Long.parseLong(row.get("count"))).isEqualTo(s.count());
            assertThat(Long.parseLong(row.get("reposts"))).isEqualTo(s.reposts());
            assertThat(Long.parseLong(row.get("uniqueAuthors"))).isEqualTo(s.uniqueAuthors());
            assertThat(Long.parseLong(row.get("version"))).isEqualTo(s.version());
            assertThat(row.get("meanSentiment")).isEqualTo(s.sentiment().mean() == null ? "" : s.sentiment().mean().toString());
            assertThat(row.get("firstAt")).isEqualTo(s.firstAt() == null ? "" : s.firstAt().toString());
        }
    }

    /** Reads pulse.summaries until the meeting's summaries have not changed for five seconds. */
    private static Map<String, ItemSummary> settledSummaries(String bootstrap, String meetingId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "report-it-check");
        Map<String, ItemSummary> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SUMMARIES.name()));
            // settled: some summaries, then none newer of this meeting for five seconds
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(120)).pollInSameThread().pollInterval(Duration.ofMillis(1)).until(() -> {
                boolean quiet = true;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    if (record.key().startsWith(meetingId + "/")) {
                        latest.put(record.key().substring(meetingId.length() + 1), Topics.SUMMARIES.valueSerde().deserializer().deserialize(record.topic(), record.value()));
                        quiet = false;
                    }
                }
                return quiet && !latest.isEmpty();
            });
        }
        assertThat(latest.values().stream().mapToLong(ItemSummary::count).sum()).isPositive();
        return latest;
    }

    private static long cell(Element row, String field) {
        return Long.parseLong(row.selectFirst("td[data-field=" + field + "]").text());
    }

    private static List<CSVRecord> csv(String text) throws Exception {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
