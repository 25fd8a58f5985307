package org.chamberpulse.ingest.agenda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Json;
import org.chamberpulse.model.Meeting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgendaFileTest {

    @Test
    void shouldReadAHandWrittenYamlAgenda(@TempDir Path dir) throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("agenda.yaml"), """
                meetingId: bcc-2026-11-27-council
                title: City Council
                body: Birmingham City Council
                hashtags: [bcclive]
                start: 2026-11-27 14:00
                items:
                  - number: 1
                    title: Apologies
                  - number: "4."
                    title: "Public questions: buses & trams"
                    externalId: "63012"
                    minutesNumber: "412"
                  - itemId: budget
                    number: 5
                    title: Budget 2027/28
                  - number: 6
                    title: Land at Digbeth
                    restricted: true
                """);

        // when
        Meeting meeting = AgendaFile.read(file, MeetingDefaults.none());

        // then
        assertThat(meeting.meetingId()).isEqualTo("bcc-2026-11-27-council");
        assertThat(meeting.scheduledStart()).isEqualTo(Instant.parse("2026-11-27T14:00:00Z"));
        assertThat(meeting.timezone()).isEqualTo("Europe/London");
        assertThat(meeting.broadcastDelaySeconds()).isEqualTo(30);
        assertThat(meeting.items()).containsExactly(
                new AgendaItem("1", "1", "Apologies", false, null, null),
                new AgendaItem("4", "4.", "Public questions: buses & trams", false, "63012", "412"),
                new AgendaItem("budget", "5", "Budget 2027/28", false, null, null),
                new AgendaItem("6", "6", "Land at Digbeth", true, null, null));
    }

    @Test
    void shouldReadAMeetingInItsWireFormatAsItIs(@TempDir Path dir) throws Exception {
        // given
        Meeting original = new Meeting("m1", "Cabinet", "Test Council", List.of("cablive"), Instant.parse("2026-07-02T13:00:00Z"), "Europe/London", 12,
                List.of(new AgendaItem("a", "1", "Questions", false, "1", "2")));
        Path file = Files.writeString(dir.resolve("meeting.json"), Json.MAPPER.writeValueAsString(original));

        // when
        Meeting read = AgendaFile.read(file, MeetingDefaults.none());

        // then
        assertThat(read).isEqualTo(original);
    }

    @Test
    void shouldLetTheCommandLineOverrideTheFile(@TempDir Path dir) throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("agenda.yaml"), "meetingId: x\ntitle: Cabinet\nhashtags: [old]\nstart: 2026-07-02 14:00\ntimezone: Europe/Dublin\n");

        // when
        Meeting meeting = AgendaFile.read(file, new MeetingDefaults("cab-1", List.of("cablive"), null, 0, null, null));

        // then
        assertThat(meeting.meetingId()).isEqualTo("cab-1");
        assertThat(meeting.hashtags()).containsExactly("cablive");
        assertThat(meeting.broadcastDelaySeconds()).isZero();
        assertThat(meeting.scheduledStart()).isEqualTo(Instant.parse("2026-07-02T13:00:00Z"));
    }

    @Test
    void shouldNameTheMistakeInABadFile(@TempDir Path dir) throws Exception {
        // given
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "meetingId: x\ntitle: Cabinet\nhashtag: [old]\nstart: 2026-07-02 14:00\n");
        Path noStart = Files.writeString(dir.resolve("nostart.yaml"), "meetingId: x\ntitle: Cabinet\n");
        Path badStart = Files.writeString(dir.resolve("badstart.yaml"), "meetingId: x\ntitle: Cabinet\nstart: tomorrow\n");
        Path badZone = Files.writeString(dir.resolve("badzone.yaml"), "meetingId: x\nstart: 2026-07-02 14:00\ntimezone: Mars/Olympus\n");

        // when / then
        assertThatThrownBy(() -> AgendaFile.read(typo, MeetingDefaults.none())).hasMessageContaining("unknown field \"hashtag\"").hasMessageContaining("hashtags");
        assertThatThrownBy(() -> AgendaFile.read(noStart, MeetingDefaults.none())).hasMessageContaining("start is missing");
        assertThatThrownBy(() -> AgendaFile.read(badStart, MeetingDefaults.none())).hasMessageContaining("start \"tomorrow\"");
        assertThatThrownBy(() -> AgendaFile.read(badZone, MeetingDefaults.none())).hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> AgendaFile.read(dir.resolve("missing.yaml"), MeetingDefaults.none())).hasMessageContaining("Could not read");
    }
}
