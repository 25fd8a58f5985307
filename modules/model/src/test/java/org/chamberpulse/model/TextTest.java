package org.chamberpulse.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void shouldFindHashtagsInText() {
        assertThat(Text.hashtagsIn("Great point #BccLive on #item4, see email@x.com#notatag and ##double #")).containsExactly("bcclive", "item4", "double");
        assertThat(Text.hashtagsIn("Diolch #CyngorCaerdydd #ŵyl")).containsExactly("cyngorcaerdydd", "ŵyl");
    }

    @Test
    void shouldNormaliseHashtagsWithoutTheHashAndInLowerCase() {
        // when / then
        assertThat(Text.normaliseHashtag("#BccLive")).isEqualTo("bcclive");
        assertThat(Text.normaliseHashtag(" ##Budget ")).isEqualTo("budget");
        assertThat(Text.normaliseHashtag("budget")).isEqualTo("budget");
    }

    @Test
    void shouldKeepTheFirstLineOfAnErrorMessage() {
        // given a parser's message with its source location on a second line, and none
        String located = "Unexpected character ('}' (code 125))\n at [Source: (byte[])\"{}}\"; line: 1, column: 3]";

        // when / then
        assertThat(Text.firstLine(located, "unreadable")).isEqualTo("Unexpected character ('}' (code 125))");
        assertThat(Text.firstLine("one line", "unreadable")).isEqualTo("one line");
        assertThat(Text.firstLine(null, "unreadable")).isEqualTo("unreadable");
    }

    @Test
    void shouldEscapeWhatMarkupGivesAMeaningToAndLeaveOutWhatXmlForbids() {
        // given a resident's words with markup, quotes of both kinds, a control character, a line break and an emoji
        String words = "<b>\"Cuts\"</b> & 'savings'\u0007\nline 2 \t😊";

        // when
        String safe = Text.escapeMarkup(words);

        // then
        assertThat(safe).isEqualTo("&lt;b&gt;&quot;Cuts&quot;&lt;/b&gt; &amp; &#39;savings&#39;\nline 2 \t😊");
        assertThat(Text.escapeMarkup(null)).isEmpty();
    }

    @Test
    void shouldRecogniseItemTags() {
        assertThat(Text.isItemTag("item4")).isTrue();
        assertThat(Text.isItemTag("item12b")).isTrue();
        assertThat(Text.isItemTag("items")).isFalse();
        assertThat(Text.isItemTag("item")).isFalse();
        assertThat(new AgendaItem("4", "4(a).", "t", false, null, null).tagNumber()).isEqualTo("4a");
    }

    @Test
    void shouldIgnoreCaseSpacesAndUrlsInDuplicateKeys() {
        assertThat(Text.duplicateKey("  Vote NO   on this https://t.co/abc \n"))
                .isEqualTo(Text.duplicateKey("vote no on this http://bit.ly/x"))
                .isEqualTo("vote no on this");
    }

    @Test
    void shouldIgnoreLinksInAnyCaseInDuplicateKeysOfTextsWithAnEmoji() {
        // given: links that start with each letter a link may start with, in both cases, in a UTF-16 text
        String links = "Vote NO 😀 HTTPS://T.CO/abc Http://bit.ly/x WWW.example.org www.x.org hTtP://y on this";

        // when
        String key = Text.duplicateKey(links);

        // then
        assertThat(key).isEqualTo("vote no 😀 on this");
    }

    @Test
    void shouldNeverThrowOnRandomText() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String alphabet = "#@ab Z9_\t\n.:/ŵ😀\uD83D";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String input = text.toString();
            List<String> tags = Text.hashtagsIn(input);
            String key = Text.duplicateKey(input);
            assertThat(tags).as("seed %d, input %s", seed, input).allSatisfy(tag -> assertThat(input.toLowerCase()).contains(tag));
            assertThat(key).as("seed %d, input %s", seed, input).isEqualTo(key.strip());
        }
    }

    @Test
    void shouldClipAClientsValueForTheLog() {
        // given
        String forged = "ada\nINFO audit: {\"user\":\"admin\"}" + "x".repeat(1_000_000);

        // when
        String logged = Text.forLog(forged);

        // then
        assertThat(logged).hasSizeLessThan(Text.LOG_CLIP + 20).doesNotContain("\n").startsWith("ada?INFO").endsWith("…[+" + (forged.length() - Text.LOG_CLIP) + "]");
        assertThat(Text.forLog("short")).isEqualTo("short");
        assertThat(Text.forLog(null)).isEmpty();
    }

    @Test
    void shouldCallDistinctiveOnlyTextsOfSixWordsOrMore() {
        assertThat(Text.isDistinctive("Well said #bcclive")).isFalse();
        assertThat(Text.isDistinctive("👏👏👏 !!! #bcclive @chair https://x.example/a")).isFalse();
        assertThat(Text.isDistinctive("Shame on you all, councillors")).isFalse();
        assertThat(Text.isDistinctive("Councillors must vote against the new parking charges")).isTrue();
        assertThat(Text.isDistinctive("Cut the 45 bus and 2 more routes")).isTrue();
        assertThat(Text.isDistinctive("#a #b #c #d #e #f @g")).isFalse();
    }
}
