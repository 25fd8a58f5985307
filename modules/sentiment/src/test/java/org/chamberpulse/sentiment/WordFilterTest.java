package org.chamberpulse.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordFilterTest {

    /** The filter the product reads, as committed; -Dsentiment.writeFilter=true makes it anew from the list. */
    private static final Path SHIPPED = Path.of("src/main/resources/org/chamberpulse/sentiment", Lexicon.ENGLISH_FILTER);

    private final byte[] wordList = Resources.bytes(Lexicon.ENGLISH_WORDS);

    @Test
    void shouldShipTheFilterOfTheEnglishWordList() throws IOException {
        // given
        WordFilter fromTheList = WordFilter.ofLines(wordList);
        if (Boolean.getBoolean("sentiment.writeFilter")) {
            Files.write(SHIPPED, fromTheList.toBytes());
        }

        // when
        WordFilter shipped = WordFilter.fromBytes(Files.readAllBytes(SHIPPED));

        // then
        assertThat(shipped)
                .as("%s is not the filter of %s: mvn -pl modules/sentiment test -Dtest=WordFilterTest -Dsentiment.writeFilter=true",
                        SHIPPED, Lexicon.ENGLISH_WORDS)
                .isEqualTo(fromTheList);
        assertThat(Lexicon.DEFAULT.english).isEqualTo(fromTheList);
    }

    @Test
    void shouldNeverMissAListedWord() {
        // given
        WordFilter filter = WordFilter.ofLines(wordList);
        List<String> words = new String(wordList, StandardCharsets.UTF_8).lines().filter(line -> !line.isEmpty()).toList();

        // when / then
        for (String word : words) {
            assertThat(filter.mightContain(Vocabulary.hash64(word.toCharArray(), 0, word.length(), false))).as(word).isTrue();
        }
        assertThat(words).hasSizeGreaterThan(100_000);
    }

    @Test
    void shouldRarelyTakeAWordOffTheListForEnglish() {
        // given: random lower-case strings of 5 to 12 letters, almost none of them words
        long seed = System.nanoTime();
        Random random = new Random(seed);
        WordFilter filter = WordFilter.fromBytes(Resources.bytes(Lexicon.ENGLISH_FILTER));
        int taken = 0;
        int tries = 100_000;

        // when
        for (int k = 0; k < tries; k++) {
            char[] word = new char[5 + random.nextInt(8)];
            for (int c = 0; c < word.length; c++) {
                word[c] = (char) ('a' + random.nextInt(26));
            }
            taken += filter.mightContain(Vocabulary.hash64(word, 0, word.length, false)) ? 1 : 0;
        }

        // then: the documented rate is about one in a hundred
        assertThat(taken).as("seed %d", seed).isLessThan(tries / 50);
    }
}
