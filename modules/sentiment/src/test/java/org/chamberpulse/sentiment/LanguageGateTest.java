package org.chamberpulse.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import java.io.IOException;
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
        assertThat(ours).isEqualTo(fromTheLibrary);
        assertThat(ours.getNumGrams()).isEqualTo(fromTheLibrary.getNumGrams()).isGreaterThan(100);
        for (int length = 1; length <= 3; length++) {
            assertThat(ours.getNumGramOccurrences(length)).isEqualTo(fromTheLibrary.getNumGramOccurrences(length));
        }
    }
}
