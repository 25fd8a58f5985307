package org.chamberpulse.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LanguageGateTest {

    static Iterable<String> languages() {
        return LanguageGate.LANGUAGES;
    }

    @ParameterizedTest
    @MethodSource("languages")
    void shouldReadEachProfileAsTheDetectorsOwnReaderDoes(String language) throws IOException {
        // given
        LanguageProfile fromTheLibrary = new LanguageProfileReader().readBuiltIn(LdLocale.fromString(language));

        // when
        LanguageProfile ours = LanguageGate.profile(language);

        // then: the same locale and the same n-grams with the same counts
        assertThat(ours.getLocale()).isEqualTo(fromTheLibrary.getLocale());
        assertThat(ours.getGramLengths()).isEqualTo(fromTheLibrary.getGramLengths()).containsExactly(1, 2, 3);
        assertThat(ours.getNumGrams()).isEqualTo(fromTheLibrary.getNumGrams()).isGreaterThan(100);
        assertThat(grams(ours.iterateGrams())).isEqualTo(grams(fromTheLibrary.iterateGrams()));
        for (int length = 1; length <= 3; length++) {
            assertThat(grams(ours.iterateGrams(length))).isEqualTo(grams(fromTheLibrary.iterateGrams(length)));
            assertThat(ours.getNumGrams(length)).isEqualTo(fromTheLibrary.getNumGrams(length));
            assertThat(ours.getNumGramOccurrences(length)).isEqualTo(fromTheLibrary.getNumGramOccurrences(length));
            assertThat(ours.getMinGramCount(length)).isEqualTo(fromTheLibrary.getMinGramCount(length));
            assertThat(ours.getMaxGramCount(length)).isEqualTo(fromTheLibrary.getMaxGramCount(length));
        }
        for (Map.Entry<String, Integer> gram : fromTheLibrary.iterateGrams()) {
            assertThat(ours.getFrequency(gram.getKey())).as(gram.getKey()).isEqualTo(gram.getValue());
        }
        assertThat(ours.getFrequency("no such gram")).isZero();
    }

    private static Map<String, Integer> grams(Iterable<Map.Entry<String, Integer>> entries) {
        Map<String, Integer> grams = new HashMap<>();
        entries.forEach(entry -> assertThat(grams.put(entry.getKey(), entry.getValue())).as("%s twice", entry.getKey()).isNull());
        return grams;
    }
}
