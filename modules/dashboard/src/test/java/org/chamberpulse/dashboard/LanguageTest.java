package org.chamberpulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.chamberpulse.model.Messages;
import org.junit.jupiter.api.Test;

class LanguageTest {

    @Test
    void shouldTakeTheOfferedLanguageTheBrowserRanksHighest() {
        assertThat(Language.fromAcceptLanguage("cy-GB,cy;q=0.9,en-GB;q=0.8")).contains("cy");
        assertThat(Language.fromAcceptLanguage("fr-FR,en;q=0.5,cy;q=0.7")).contains("cy");
        assertThat(Language.fromAcceptLanguage("en-US,en;q=0.9")).contains("en");
        assertThat(Language.fromAcceptLanguage("fr, de;q=0.5")).isEmpty();
        assertThat(Language.fromAcceptLanguage("cy;q=0, en;q=0.1")).contains("en");
        assertThat(Language.fromAcceptLanguage(";;;,q=x")).isEmpty();
        assertThat(Language.fromAcceptLanguage(null)).isEmpty();
    }

    @Test
    void shouldOfferEveryLanguageWithAFileAndTheSameKeysInEach() {
        assertThat(Messages.languages()).containsExactly("en", "cy");
        assertThat(Messages.of("cy").all().keySet()).isEqualTo(Messages.of("en").all().keySet());
        assertThat(Messages.of("cy").text("chair.totals", 5)).isEqualTo("5 o sylwadau hyd yma.");
        assertThat(Messages.of("xx").language()).isEqualTo("en");
        assertThat(Messages.of("en").json()).doesNotContain("<").doesNotContain(">");
    }
}
