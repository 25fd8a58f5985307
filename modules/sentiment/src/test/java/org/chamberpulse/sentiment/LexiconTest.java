package org.chamberpulse.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LexiconTest {

    private static final String[] NUMBER_PIECES = {"-", "+", ".", "0", "1", "5", "9", "e", "E", "-3", "x", " ", "00000000"};

    @Test
    void shouldReadEveryNumberAsParseDoubleDoes() {
        // given
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 200_000; i++) {
            String number = i % 2 == 0 ? plainDecimal(random) : mixture(random);
            byte[] bytes = ("\t" + number + "\t").getBytes(StandardCharsets.ISO_8859_1);

            // when
            double parsed = parsedOrNaN(number);
            double read = readOrNaN(bytes, 1, bytes.length - 1);

            // then
            assertThat(Double.doubleToRawLongBits(read)).as("seed %d, number \"%s\": %s, not %s", seed, number, read, parsed)
                    .isEqualTo(Double.doubleToRawLongBits(parsed));
        }
    }

    @Test
    void shouldRejectWhatParseDoubleRejects() {
        // given
        byte[] notANumber = "-".getBytes(StandardCharsets.ISO_8859_1);

        // when / then
        assertThatThrownBy(() -> Lexicon.decimal(notANumber, 0, notANumber.length)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void shouldLoadEveryWordAndEveryOneCodePointEmojiOfTheFiles() {
        // given
        String[] words = new String(Resources.bytes("vader_lexicon.txt"), StandardCharsets.UTF_8).split("\n");
        String[] emoji = new String(Resources.bytes("emoji_utf8_lexicon.txt"), StandardCharsets.UTF_8).split("\n");

        // when
        Lexicon lexicon = Lexicon.DEFAULT;

        // then
        Map<String, Double> valences = new HashMap<>();
        for (String line : words) {
            String[] fields = line.split("\t");
            // A word listed twice (":-p", "lol") has its last valence, as the reference's dict keeps it.
            valences.put(fields[0], Double.parseDouble(fields[1]));
        }
        assertThat(valences).hasSizeGreaterThan(7_500);
        valences.forEach((word, valence) -> {
            int id = lexicon.vocabulary.find(word);
            assertThat(id).as(word).isNotNegative();
            assertThat(lexicon.valence[id]).as(word).isEqualTo(valence);
        });
        for (String line : emoji) {
            String[] fields = line.split("\t");
            if (fields[0].codePointCount(0, fields[0].length()) == 1) {
                assertThat(lexicon.emoji(fields[0].codePointAt(0))).as(line).isEqualTo(fields[1].toCharArray());
            }
        }
    }

    /** Digits with a sign and a point, up to 18 of them: the lexicon's shape and beyond. */
    private static String plainDecimal(Random random) {
        StringBuilder number = new StringBuilder(random.nextBoolean() ? "-" : "");
        int digits = 1 + random.nextInt(18);
        int point = random.nextInt(digits + 1);
        for (int k = 0; k < digits; k++) {
            if (k == point) {
                number.append('.');
            }
            number.append((char) ('0' + random.nextInt(10)));
        }
        return number.toString();
    }

    private static String mixture(Random random) {
        StringBuilder number = new StringBuilder();
        for (int k = random.nextInt(6); k >= 0; k--) {
            number.append(NUMBER_PIECES[random.nextInt(NUMBER_PIECES.length)]);
        }
        return number.toString();
    }

    private static double parsedOrNaN(String number) {
        try {
            return Double.parseDouble(number);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double readOrNaN(byte[] bytes, int from, int to) {
        try {
            return Lexicon.decimal(bytes, from, to);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
