package org.chamberpulse.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The word lists (issue 21): English and Welsh shipped, a council's file on top, used as soon as it is given. */
class WordListsTest {

    @AfterEach
    void shipped() {
        Moderation.use(WordLists.shipped());
    }

    @Test
    void shouldFlagWelshSwearingWithTheShippedLists() {
        assertThat(Moderation.flags("Ffycin hel, am benderfyniad cachu")).containsExactly(Moderation.PROFANITY);
        assertThat(Moderation.flags("Mae'r cynghorydd yn dwpsyn")).as("a mutated form").containsExactly(Moderation.ABUSE);
        assertThat(Moderation.flags("Twpsyn llwyr yw e")).containsExactly(Moderation.ABUSE);
        assertThat(Moderation.flags("Mae twll yn y ffordd ger yr ysgol")).isEmpty();
    }

    @Test
    void shouldAddACouncilsWordsAndAllowAShippedOne() {
        // given
        WordLists lists = WordLists.shippedAnd("""
                # our own
                [profanity]
                gobshite
                [allow]
                bugger   # a local team's nickname
                [threats]
                we know where you live
                """, "council.words");

        // when
        Moderation.use(lists);

        // then
        assertThat(Moderation.flags("What a gobsh1te")).containsExactly(Moderation.PROFANITY);
        assertThat(Moderation.flags("Come on you Buggers")).isEmpty();
        assertThat(Moderation.flags("We KNOW where you live")).containsExactly(Moderation.ABUSE);
        assertThat(Moderation.flags("shit decision")).containsExactly(Moderation.PROFANITY);
    }

    @Test
    void shouldSayWhereAListIsWrong() {
        assertThatThrownBy(() -> WordLists.shippedAnd("[profanity]\nok\n[swears]\nx\n", "council.words"))
                .hasMessage("council.words line 3: unknown section [swears] (known: [profanity], [abuse], [threats], [allow])");
        assertThatThrownBy(() -> WordLists.shippedAnd("word\n", "council.words")).hasMessageContaining("line 1: a word before any section");
        assertThatThrownBy(() -> WordLists.shippedAnd("[abuse]\ntwo words\n", "council.words")).hasMessageContaining("phrases go in [threats]");
    }
}
