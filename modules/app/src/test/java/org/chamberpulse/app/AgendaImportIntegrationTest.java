package org.chamberpulse.app;

import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.AgendaEventType;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A meeting imported from a local server answering as ModernGov does, then commented on and counted. */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AgendaImportIntegrationTest {

    private static final String GET_MEETING = """
            <?xml version="1.0" encoding="utf-8"?>
            <getmeeting><meeting>
              <meetingid>4242</meetingid><meetingdate>27/11/2026</meetingdate><meetingtime>14:00</meetingtime>
              <meetingstatus>confirmed</meetingstatus><iswebcast>True</iswebcast>
              <committee><committeeid>7</committeeid><committeetitle>Cabinet</committeetitle></committee>
              <agendaitems>
                <agendaitem><agendaitemid>9001</agendaitemid><agendaitemtitle>Apologies</agendaitemtitle><agendaitemnumber>1</agendaitemnumber>
                  <fulldisplaynumberformat>1.</fulldisplaynumberformat><minutesitemnumber>51</minutesitemnumber><isrestricted>False</isrestricted></agendaitem>
                <agendaitem><agendaitemid>9002</agendaitemid><agendaitemtitle>Clean Air Zone &amp;amp; Buses</agendaitemtitle><agendaitemnumber>2</agendaitemnumber>
                  <fulldisplaynumberformat>2.</fulldisplaynumberformat><minutesitemnumber>52</minutesitemnumber><isrestricted>False</isrestricted></agendaitem>
              </agendaitems>
            </meeting></getmeeting>
            """;

    @Test
    void shouldCountCommentsOnAMeetingImportedFromModernGov(@TempDir Path dir) throws Exception {
        // given
        HttpServer modernGov = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        modernGov.createContext("/mgWebService.asmx/GetMeeting", exchange -> {
            byte[] body = GET_MEETING.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        modernGov.start();
        PulseConfig config = TestRuntimes.config(dir, "agenda-it");
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PulseRuntime runtime = PulseRuntime.start(config)) {
            runtime.awaitRunning(Duration.ofSeconds(60));

            // when
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            int exit;
            try {
                exit = ChamberPulse.commandLine().execute("agenda", "import", "--moderngov", "http://127.0.0.1:" + modernGov.getAddress().getPort(),
                        "--meeting-id", "4242", "--hashtag", "#cabtest", "--delay", "0", "--bootstrap", runtime.bootstrapServers());
            } finally {
                System.setOut(console);
            }
            Instant start = Instant.parse("2026-11-27T14:00:00Z");
            try (PulseProducer producer = new PulseProducer(config, runtime.bootstrapServers())) {
                producer.send(Topics.AGENDA, "mg-4242", new AgendaEvent("mg-4242", AgendaEventType.ITEM_STARTED, "1", start.plusSeconds(60), "clerk")).get();
                producer.send(Topics.AGENDA, "mg-4242", new AgendaEvent("mg-4242", AgendaEventType.ITEM_STARTED, "2", start.plusSeconds(600), "clerk")).get();
                for (int k = 0; k < 3; k++) {
                    Instant at = start.plusSeconds(700 + k * 30L);
                    Comment comment = new Comment("web:mg" + k, "web", "resident" + k, "Comment number " + k + " on the zone #cabtest",
                            List.of("cabtest"), at, at.plusSeconds(1), "en", null);
                    producer.send(Topics.COMMENTS_RAW, comment.key(), comment).get();
                }
            }

            // then
            assertThat(exit).isZero();
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Published meeting mg-4242, \"Cabinet\"", "Clean Air Zone & Buses");
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest summary = HttpRequest.newBuilder(URI.create("http://localhost:" + runtime.httpPort() + "/api/v1/meetings/mg-4242/summary")).build();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(http.send(summary,
                    HttpResponse.BodyHandlers.ofString()).body()).contains("\"itemId\":\"2\"", "\"title\":\"Clean Air Zone & Buses\"", "\"count\":3"));
        } finally {
            modernGov.stop(0);
        }
    }
}
