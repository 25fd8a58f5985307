package org.chamberpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.ingest.Replay;
import org.chamberpulse.ingest.ReplayFile;
import org.chamberpulse.ingest.SampleMeeting;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.Topics;
import org.chamberpulse.report.Report;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record outlives retention: once a replayed meeting is final, every file of its report is the same,
 * byte for byte, after every record of the topics that expire is deleted and run is started again.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReportRecordIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldServeTheSameReportOfAFinalMeetingAfterTheExpiringTopicsAreEmptiedAndRunRestarts(@TempDir Path dir) throws Exception {
        // given a replayed meeting whose record is final (two seconds of quiet after it adjourned)
        PulseConfig config = TestRuntimes.config(dir, "record-it", "report.grace", "2s");
        SampleMeeting.Sample sample = SampleMeeting.bundled();
        String meetingId = sample.meeting().meetingId();
        Map<Report.File, byte[]> before = new HashMap<>();
        try (PulseRuntime runtime = PulseRuntime.start(config)) {
            runtime.awaitRunning(Duration.ofSeconds(60));
            try (PulseProducer producer = new PulseProducer(config, runtime.bootstrapServers())) {
                new Replay(producer, Pseudonyms.fromConfig(config), new PrintStream(OutputStream.nullOutputStream()), false).run(Optional.of(sample.meeting()), sample.agenda(),
                        sample.comments().stream().map(c -> new ReplayFile.Line<>(0, c, null)).toList(), 0);
            }
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> final_(runtime.httpPort(), meetingId));
            for (Report.File file : Report.File.values()) {
                before.put(file, report(runtime.httpPort(), meetingId, file));
            }

            // when every record of the topics that expire is deleted
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers()))) {
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                for (var topic : List.of(Topics.AGENDA, Topics.COMMENTS_RAW, Topics.COMMENTS_SCORED)) {
                    admin.describeTopics(List.of(topic.name())).allTopicNames().get().get(topic.name()).partitions()
                            .forEach(p -> ends.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
                }
                Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
                admin.listOffsets(ends).all().get().forEach((partition, end) -> deletions.put(partition, RecordsToDelete.beforeOffset(end.offset())));
                admin.deleteRecords(deletions).all().get();
            }
        }

        // then, run started again on the same data, serves the same files
        try (PulseRuntime runtime = PulseRuntime.start(config)) {
            runtime.awaitRunning(Duration.ofSeconds(60));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> final_(runtime.httpPort(), meetingId));
            for (Report.File file : Report.File.values()) {
                assertThat(report(runtime.httpPort(), meetingId, file)).as(file.fileName()).isEqualTo(before.get(file));
            }
            assertThat(Json.MAPPER.readTree(report(runtime.httpPort(), meetingId, Report.File.JSON)).get("provisional").asBoolean()).isFalse();
        }
    }

    private boolean final_(int port, String meetingId) throws Exception {
        HttpResponse<String> view = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/meetings/" + meetingId + "/summary")).build(),
                HttpResponse.BodyHandlers.ofString());
        return view.statusCode() == 200 && !Json.MAPPER.readTree(view.body()).path("report").isNull() && Json.MAPPER.readTree(view.body()).has("report");
    }

    private byte[] report(int port, String meetingId, Report.File file) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/meetings/" + meetingId + "/report/" + file.fileName()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(file.fileName()).isEqualTo(200);
        return response.body();
    }
}
