package org.chamberpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.chamberpulse.sentiment.Moderation;
import org.chamberpulse.sentiment.WordLists;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** moderation.words: read at start, read again when it changes, a broken change ignored. */
class ModerationWordsTest {

    @AfterEach
    void shipped() {
        Moderation.use(WordLists.shipped());
    }

    @Test
    void shouldUseTheCouncilsFileAndItsChangesWithoutARestart(@TempDir Path dir) throws Exception {
        // given
        Path file = dir.resolve("council.words");
        Files.writeString(file, "[profanity]\ngobshite\n");
        try (ModerationWords words = ModerationWords.start(file)) {
            assertThat(Moderation.flags("a gobshite plan")).containsExactly(Moderation.PROFANITY);

            // when the clerk's office edits the file
            Files.writeString(file, "[allow]\nbugger\n");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

            // then the next check uses it
            assertThat(words.reload(false)).isTrue();
            assertThat(Moderation.flags("a gobshite plan")).isEmpty();
            assertThat(Moderation.flags("bugger")).isEmpty();

            // and a broken change is refused, the lists in use kept
            Files.writeString(file, "bugger\n");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
            assertThat(words.reload(false)).isFalse();
            assertThat(Moderation.flags("bugger")).isEmpty();
        }
    }

    @Test
    void shouldRefuseToStartWithABrokenFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("council.words");
        Files.writeString(file, "[curses]\nx\n");
        assertThatThrownBy(() -> ModerationWords.start(file)).hasMessageContaining("moderation.words: ").hasMessageContaining("line 1: unknown section [curses]");
    }
}
