package org.chamberpulse.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SentimentAnalyzerTest {

    private final SentimentAnalyzer analyzer = SentimentAnalyzer.vader();

    @Test
    void shouldLeaveTheWelshProbesOfTheReferenceUnscored() {
        ReferenceVectors.all().stream()
                .filter(row -> row.set().equals("probes") && (row.id().equals("31") || row.id().equals("32")))
                .forEach(row -> {
                    Analysis analysis = analyzer.analyse(row.text());
                    assertThat(analysis.scored()).as(row.text()).isFalse();
                    assertThat(analysis.lang()).isEqualTo("cy");
                });
    }

    @Test
    void shouldScoreEnglishAndVeryShortPosts() {
        assertThat(analyzer.analyse("Great point on the bus lanes #bcclive").scores().compound()).isEqualTo(0.6249);
        assertThat(analyzer.analyse("Diolch yn fawr").lang()).isEqualTo("cy");
        assertThat(analyzer.analyse("Diolch!").scored()).isTrue();
        assertThat(analyzer.analyse("").scored()).isTrue();
    }

    @Test
    void shouldScoreEnglishOfSocialPostsAndAmericanSpelling() {
        // given: abbreviations, letters held for emphasis, American spellings; each of these went to the detector
        List<String> posts = List.of("lmaooo ikr smh", "sooooo gooood omgggg", "tbh cllr jones ngl",
                "A vibrant, colorful, semimusical rendition.", "customer service nonexistant.", "yesss queen slayyy");

        // when / then
        for (String post : posts) {
            assertThat(analyzer.analyse(post).lang()).as(post).isEqualTo("en");
        }
    }

    @Test
    void shouldLeavePostsInOtherLanguagesUnscored() {
        assertThat(analyzer.analyse("Nie zgadzam się z tą decyzją rady miasta w sprawie autobusów").lang()).isEqualTo("pl");
        assertThat(analyzer.analyse("No estoy de acuerdo con la decisión del ayuntamiento sobre los autobuses").lang()).isEqualTo("es");
        assertThat(analyzer.analyse("Mae'r cyngor wedi gwneud penderfyniad gwael iawn heddiw").scored()).isFalse();
    }

    @Test
    void shouldNeverThrowOnHostileTextWithEitherModel() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        SentimentAnalyzer tuned = SentimentAnalyzer.tuned();
        for (int i = 0; i < 20_000; i++) {
            String text = RandomText.next(random);
            assertThatCode(() -> analyzer.analyse(text)).as("seed %d", seed).doesNotThrowAnyException();
            assertThatCode(() -> tuned.analyse(text)).as("tuned, seed %d", seed).doesNotThrowAnyException();
        }
        assertThatCode(() -> analyzer.analyse("word ".repeat(20_000))).doesNotThrowAnyException();
        assertThatCode(() -> tuned.analyse("word ".repeat(20_000))).doesNotThrowAnyException();
    }
}
