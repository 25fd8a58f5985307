package org.chamberpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Comment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleMeetingTest {

    @Test
    void shouldRegenerateTheBundledSampleExactlyFromItsSeed(@TempDir Path dir) throws Exception {
        // given
        SampleMeeting.write(SampleMeeting.generate(SampleMeeting.DEFAULT_SEED), dir);

        // then
        for (String file : new String[] {SampleMeeting.MEETING_FILE, SampleMeeting.AGENDA_FILE, SampleMeeting.COMMENTS_FILE}) {
            String bundled = new String(SampleMeeting.class.getResourceAsStream("/sample/" + file).readAllBytes());
            assertThat(Files.readString(dir.resolve(file))).as(file).isEqualTo(bundled);
        }
    }

    @Test
    void shouldLookLikeAFullCouncilMeeting() {
        // when
        SampleMeeting.Sample sample = SampleMeeting.bundled();

        // then
        assertThat(sample.meeting().items()).hasSizeBetween(8, 12);
        assertThat(sample.meeting().items()).filteredOn(AgendaItem::restricted).hasSize(1);
        assertThat(sample.comments()).hasSizeGreaterThan(1_500);
        Duration span = Duration.between(sample.comments().get(0).createdAt(), sample.comments().get(sample.comments().size() - 1).createdAt());
        assertThat(span).isBetween(Duration.ofHours(2), Duration.ofHours(4));
        assertThat(sample.comments()).filteredOn(Comment::isRepost).hasSizeGreaterThan(50);
        assertThat(sample.comments()).filteredOn(c -> "cy".equals(c.lang())).hasSizeGreaterThan(5);
        Set<String> authors = sample.comments().stream().map(Comment::author).collect(Collectors.toSet());
        assertThat(authors).hasSizeGreaterThan(200);
    }
}
