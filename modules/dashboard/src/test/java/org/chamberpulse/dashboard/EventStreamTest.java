package org.chamberpulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.SentimentSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /events} as a client that is not a browser sees it. */
class EventStreamTest {

    private final LiveState state = new LiveState();
    private final TopologyStandIn topology = new TopologyStandIn(state);
    private final DashboardServer server = new DashboardServer(state, () -> true, DashboardServer.Options.dashboard(null, null, routes -> { }), TestWeb.web()).start(0);

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void shouldStreamEventsToAClientThatSendsNoAcceptHeader() throws Exception {
        // given a client such as curl -N, which asks for nothing in particular
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/events")).build();

        // when it connects and a summary is published
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("event: snapshot");
            topology.meeting(new Meeting("m1", "Cabinet", "Test Council", List.of("testlive"), Instant.parse("2026-11-27T14:00:00Z"),
                    "Europe/London", 0, List.of(new AgendaItem("3", "3", "Buses", false, null, null))));
            topology.summary(new ItemSummary("m1", "3", "3", "Buses", 4, 0, 4, SentimentSummary.EMPTY, List.of(), List.of(), List.of(), 0, false,
                    null, null, List.of(), 1, Instant.parse("2026-11-27T14:00:00Z")));

            // then it gets the snapshot, then the summary, as an event stream
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.startsWith("event: summary"));
            assertThat(line).isEqualTo("event: summary");
            assertThat(lines.readLine()).startsWith("data: {\"meetingId\":\"m1\",\"itemId\":\"3\"");
        }
    }
}
