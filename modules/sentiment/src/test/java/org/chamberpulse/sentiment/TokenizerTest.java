package org.chamberpulse.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    private final Tokenizer tokenizer = new Tokenizer();

    @Test
    void shouldNeverThrowAndNeverLoseText() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            String text = RandomText.next(random);
            List<Token> tokens = tokenizer.tokenize(text);
            String joined = tokens.stream().map(Token::text).collect(Collectors.joining());
            assertThat(joined).as("seed %d, input %s", seed, escape(text)).isEqualTo(text);
            int position = 0;
            for (Token token : tokens) {
                assertThat(token.start()).as("seed %d, input %s", seed, escape(text)).isEqualTo(position);
                assertThat(token.end()).isGreaterThan(token.start());
                position = token.end();
            }
        }
    }

    @Test
    void shouldRecogniseTheShapesOfSocialPosts() {
        // when
        List<Token> tokens = significant("Great point @cllr_jones on #SaveOurLibraries!!! see https://bcc.gov.uk/x. &amp; :) 4.99% don't");

        // then
        assertThat(tokens).extracting(t -> t.type() + ":" + t.text()).containsExactly(
                "WORD:Great", "WORD:point", "MENTION:@cllr_jones", "WORD:on", "HASHTAG:#SaveOurLibraries", "PUNCTUATION:!!!",
                "WORD:see", "URL:https://bcc.gov.uk/x", "PUNCTUATION:.", "ENTITY:&amp;", "EMOTICON::)", "NUMBER:4.99%", "WORD:don't");
        assertThat(tokens.get(9).decoded()).isEqualTo("&");
    }

    @Test
    void shouldKeepEachEmojiWhole() {
        assertThat(significant("👍🏽 👨\u200D👩\u200D👧 🇬🇧 1\uFE0F\u20E3 ❤️ 😀😀"))
                .extracting(t -> t.type() + ":" + t.text())
                .containsExactly("EMOJI:👍🏽", "EMOJI:👨\u200D👩\u200D👧", "EMOJI:🇬🇧", "EMOJI:1\uFE0F\u20E3", "EMOJI:❤️", "EMOJI:😀", "EMOJI:😀");
    }

    @Test
    void shouldFindEmailAddressesAndEntities() {
        assertThat(significant("mail jo.bloggs+council@example.org. &#x1F600; &#39; &bogus;"))
                .extracting(t -> t.type() + ":" + t.decoded())
                .containsExactly("WORD:mail", "EMAIL:jo.bloggs+council@example.org", "PUNCTUATION:.", "ENTITY:😀", "ENTITY:'",
                        "PUNCTUATION:&", "WORD:bogus", "PUNCTUATION:;");
    }

    @Test
    void shouldSplitCamelCaseHashtags() {
        assertThat(Tokenizer.hashtagWords("#SaveOurLibraries")).containsExactly("save", "our", "libraries");
        assertThat(Tokenizer.hashtagWords("#NHSFunding")).containsExactly("nhs", "funding");
        assertThat(Tokenizer.hashtagWords("#bcclive")).containsExactly("bcclive");
        assertThat(Tokenizer.hashtagWords("#budget2027")).containsExactly("budget", "2027");
    }

    @Test
    void shouldListTermsWithoutStopWords() {
        assertThat(Terms.of("The BUS lanes on the Hagley Road are a disgrace, the bus lanes! #bcclive @cllr http://x.co"))
                .containsExactly("bus", "lanes", "hagley", "road", "disgrace");
    }

    private List<Token> significant(String text) {
        return tokenizer.tokenize(text).stream().filter(t -> t.type() != Token.Type.SPACE).toList();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }

    @Test
    void shouldNeverCountTheMarksOfRedactionAsTerms() {
        assertThat(Terms.of(Moderation.redact("Call me on 07700 900123 or jo@example.org about the bus lanes")))
                .containsExactly("call", "bus", "lanes");
    }
}
