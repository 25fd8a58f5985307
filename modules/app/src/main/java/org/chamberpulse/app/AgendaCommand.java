package org.chamberpulse.app;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.ingest.agenda.AgendaFile;
import org.chamberpulse.ingest.agenda.AgendaImportException;
import org.chamberpulse.ingest.agenda.MeetingDefaults;
import org.chamberpulse.ingest.agenda.ModernGovClient;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.Topics;
import org.chamberpulse.model.Validation;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "agenda", mixinStandardHelpOptions = true,
        description = "Bring a meeting's agenda into ChamberPulse.",
        subcommands = {AgendaCommand.Import.class})
final class AgendaCommand {

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Publish a meeting and its agenda on pulse.meetings, from the council's ModernGov or from a file (docs/AGENDA.md).",
                    "Importing the same meeting again replaces it: the topology re-attributes its comments to the new items."})
    static final class Import implements Callable<Integer> {

        static final class Source {
            @Option(names = "--moderngov", paramLabel = "URL", description = "The council's ModernGov site, e.g. https://democracy.example.gov.uk (or its mgWebService.asmx).")
            String modernGov;

            @Option(names = "--file", paramLabel = "FILE", description = "An agenda in YAML or JSON (docs/AGENDA.md).")
            Path file;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        @Option(names = "--meeting-id", paramLabel = "N", description = "ModernGov's meeting number (lMeetingId in its links); needed with --moderngov.")
        Long modernGovMeeting;

        @Option(names = "--hashtag", paramLabel = "TAG", description = "A hashtag people use for the meeting, with or without '#'; repeat for more. Needed with --moderngov; overrides the file's.")
        List<String> hashtags = new ArrayList<>();

        @Option(names = "--id", paramLabel = "MEETING", description = "The meeting's id in ChamberPulse (default: mg-N for ModernGov, the file's meetingId).")
        String meetingId;

        @Option(names = "--title", description = "The meeting's title (default: the committee's name, or the file's title).")
        String title;

        @Option(names = "--body", description = "The council or body holding the meeting.")
        String body;

        @Option(names = "--timezone", paramLabel = "ZONE", description = "Where the meeting's local times are (default: the file's, else Europe/London).")
        ZoneId zone;

        @Option(names = "--delay", paramLabel = "SECONDS", description = "How far the livestream runs behind the room (default: the file's, else 30).")
        Integer delaySeconds;

        @Option(names = "--dry-run", description = "Print the meeting as it would be published, and publish nothing.")
        boolean dryRun;

        @Mixin

        ClusterOptions cluster;

        @Override
        public Integer call() throws Exception {
            Meeting meeting = read();
            Validation.meetingProblem(meeting).ifPresent(problem -> {
                throw new AgendaImportException("The imported meeting cannot be published: " + problem);
            });
            if (dryRun) {
                System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(meeting));
                return 0;
            }
            PulseConfig pulse = cluster.load();
            try (PulseProducer producer = new PulseProducer(pulse, pulse.bootstrap())) {
                producer.send(Topics.MEETINGS, meeting.meetingId(), meeting).get(30, TimeUnit.SECONDS);
            }
            describe(meeting, pulse.bootstrap());
            return 0;
        }

        private Meeting read() {
            MeetingDefaults defaults = new MeetingDefaults(meetingId, hashtags, zone, delaySeconds, title, body);
            if (source.file != null) {
                return AgendaFile.read(source.file, defaults);
            }
            if (modernGovMeeting == null) {
                throw new AgendaImportException("--moderngov needs --meeting-id N: ModernGov's number of the meeting (lMeetingId in its links)");
            }
            if (hashtags.isEmpty()) {
                throw new AgendaImportException("--moderngov needs --hashtag: the hashtag people will use for the meeting, e.g. --hashtag bcclive");
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
            return new ModernGovClient(http, source.modernGov).meeting(modernGovMeeting, defaults);
        }

        private static void describe(Meeting meeting, String bootstrap) {
            ZoneId zone = ZoneId.of(meeting.timezone());
            System.out.printf(Locale.UK, "Published meeting %s, \"%s\", %s %s, hashtags %s, to %s at %s:%n", meeting.meetingId(), meeting.title(),
                    DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.UK).format(meeting.scheduledStart().atZone(zone)), zone.getId(),
                    String.join(" ", meeting.hashtags().stream().map(tag -> "#" + tag).toList()), Topics.MEETINGS.name(), bootstrap);
            for (AgendaItem item : meeting.items()) {
                System.out.printf("  %-8s %-6s %s%s%n", item.itemId(), item.number(), item.title(), item.restricted() ? " (restricted)" : "");
            }
        }
    }
}
