package org.chamberpulse.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * How often the language gate gets it wrong, on posts made here: Welsh posts of six words or more must
 * be unscored, English posts (council business, and slangy tweets) almost never, short posts in the
 * other languages always. The rates are printed for docs/BENCHMARKS.md.
 */
class LanguageRatesTest {

    private static final long SEED = 20_261_127L;
    private static final int POSTS = 2_000;

    private static final List<String> WELSH_SUBJECTS = List.of("Mae'r cyngor", "Mae'r cynghorwyr", "Rydw i'n credu bod y cyngor",
            "Rydyn ni", "Mae'r arweinydd", "Mae pobl y ddinas", "Mae'r pwyllgor", "Mae'r maer", "Mae fy nghymdogion",
            "Mae'r gwrthbleidiau");
    private static final List<String> WELSH_PREDICATES = List.of("yn gwneud penderfyniad gwael", "wedi gwrando ar y trigolion",
            "yn torri'r gwasanaethau ieuenctid", "yn cefnogi'r cynnig newydd", "wedi methu'r gymuned", "yn gwario gormod o arian",
            "yn anghywir am y bysiau", "yn haeddu gwell na hyn", "wedi cau'r llyfrgell leol", "yn siarad yn dda am dai",
            "yn poeni am y gyllideb", "wedi ateb y cwestiwn yn glir");
    private static final List<String> WELSH_TAILS = List.of("heddiw", "eto", "o gwbl", "yn y cyfarfod", "ar y mater hwn",
            "yn y ddinas", "bob blwyddyn", "diolch", "mewn gwirionedd", "yn fy marn i");

    private static final List<String> ENGLISH_OPENERS = List.of("I think", "Honestly", "Watching this,", "So", "Apparently",
            "To be fair", "Once again", "Why does", "Can someone explain why", "Great to see that");
    private static final List<String> ENGLISH_SUBJECTS = List.of("the council", "the cabinet member", "the leader", "the chair",
            "the planning committee", "our ward councillor", "the finance officer", "the opposition", "everyone in the gallery",
            "the bus company");
    private static final List<String> ENGLISH_PREDICATES = List.of("has no plan for the potholes", "is listening for once",
            "keeps dodging the question about bins", "made a decent case for the budget", "got the numbers wrong again",
            "should fund the libraries properly", "wants to raise council tax by five percent", "cut youth services last year",
            "is right about the clean air zone", "gave a rubbish answer on housing repairs", "did a brilliant job tonight",
            "ignored the petition from Sparkhill");
    private static final List<String> ENGLISH_TAILS = List.of("", "!", "!!", "?", " lol", " 😡", " 👏", " #bcclive", " #brum #bcclive",
            ". Shocking.", ", again.", " tbh", " @cllr_smith");

    private final SentimentAnalyzer analyzer = SentimentAnalyzer.vader();

    @Test
    void shouldLeaveWelshPostsOfSixWordsOrMoreUnscored() {
        Random random = new Random(SEED);
        int unscored = 0;
        for (int k = 0; k < POSTS; k++) {
            String post = pick(random, WELSH_SUBJECTS) + " " + pick(random, WELSH_PREDICATES) + " " + pick(random, WELSH_TAILS)
                    + (random.nextBoolean() ? " #bcclive" : "");
            if (!analyzer.analyse(post).scored()) {
                unscored++;
            }
        }
        System.out.printf("Welsh posts (6+ words) unscored: %d of %d (%.2f %%)%n", unscored, POSTS, 100.0 * unscored / POSTS);
        assertThat(unscored).isGreaterThanOrEqualTo(POSTS * 99 / 100);
    }

    @Test
    void shouldAlmostNeverLeaveEnglishPostsUnscored() {
        Random random = new Random(SEED);
        int unscored = 0;
        for (int k = 0; k < POSTS; k++) {
            String post = pick(random, ENGLISH_OPENERS) + " " + pick(random, ENGLISH_SUBJECTS) + " " + pick(random, ENGLISH_PREDICATES)
                    + pick(random, ENGLISH_TAILS);
            Analysis analysis = analyzer.analyse(post);
            if (!analysis.scored()) {
                unscored++;
                System.out.println("English post unscored as " + analysis.lang() + ": " + post);
            }
        }
        System.out.printf("English posts unscored: %d of %d (%.2f %%)%n", unscored, POSTS, 100.0 * unscored / POSTS);
        assertThat(unscored).isLessThanOrEqualTo(POSTS / 200);
    }

    @Test
    void shouldScoreSlangyEnglishTweets() {
        // given: 43 tweets typed for this, abbreviations, slang and held letters ("lmaooo ikr smh")
        List<String> posts = lines("slang-english-posts.txt");

        // when
        List<String> unscored = posts.stream().filter(post -> !analyzer.analyse(post).scored()).toList();

        // then
        System.out.printf("Slangy English tweets unscored: %d of %d %s%n", unscored.size(), posts.size(), unscored);
        assertThat(posts).hasSize(43);
        assertThat(unscored).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void shouldLeaveShortPostsInTheOtherLanguagesUnscored() {
        // given: 23 posts of 3 to 7 words in the detector's other languages, some with words English uses too ("ya", "to")
        List<String> posts = lines("short-foreign-posts.txt");

        // when
        List<String> scored = posts.stream().filter(post -> analyzer.analyse(post).scored()).toList();

        // then
        System.out.printf("Short posts in other languages scored as English: %d of %d %s%n", scored.size(), posts.size(), scored);
        assertThat(posts).hasSize(23);
        assertThat(scored).isEmpty();
    }

    private static List<String> lines(String resource) {
        return new String(Resources.bytes("/" + resource), StandardCharsets.UTF_8).lines().toList();
    }

    private static String pick(Random random, List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
