package org.chamberpulse.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.ingest.Replay;
import org.chamberpulse.ingest.ReplayFile;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.Pseudonyms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a JSON-lines file of comments into pulse.comments.raw, optionally with the meeting and its agenda events.")
final class ReplayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "Comments: JSON lines (the wire format of docs/DESIGN.md), or CSV (.csv) with a header row: id, source, author, text, hashtags (space-separated), createdAt, receivedAt, lang, repostOf.")
    Path comments;

    @Option(names = "--speed", defaultValue = "0", paramLabel = "X",
            description = "Times faster than real time, e.g. 60 replays an hour in a minute; 0 sends as fast as possible (default).")
    double speed;

    @Option(names = "--meeting", paramLabel = "FILE", description = "A meeting (JSON) to publish first.")
    Path meeting;

    @Option(names = "--agenda", paramLabel = "FILE", description = "The clerk's agenda events (JSON lines), replayed in time order with the comments.")
    Path agenda;

    @Mixin

    ClusterOptions cluster;

    @Override
    public Integer call() throws Exception {
        PulseConfig pulse = cluster.load();
        Optional<Meeting> published = meeting == null ? Optional.empty() : Optional.of(Json.MAPPER.readValue(meeting.toFile(), Meeting.class));
        List<AgendaEvent> events = agenda == null ? List.of()
                : ReplayFile.read(agenda, AgendaEvent.class).stream().map(ReplayFile.Line::value).filter(Objects::nonNull).toList();
        try (PulseProducer producer = new PulseProducer(pulse, pulse.bootstrap())) {
            Replay.Result result = new Replay(producer, Pseudonyms.fromConfig(pulse), System.out, System.console() != null).run(published, events, ReplayFile.comments(comments), speed);
            System.out.printf("replayed %d comments and %d agenda events; %d lines skipped%n",
                    result.comments(), result.agendaEvents(), result.skipped());
            return result.skipped() == 0 ? 0 : 2;
        }
    }
}
