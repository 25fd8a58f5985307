package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.chamberpulse.model.Text;
import org.junit.jupiter.api.Test;

class Hash64Test {

    private static final String[] PIECES = {"Vote", "NO", " ", "  ", "\t", "\n", "\u00A0", "\u2003", "https://t.co/x", "WWW.bcc.gov.uk",
        "HTTP://A", "😀", "\uD83D", "\uDC4D", "É", "ß", "İ", "Σ", "中文", "#Bus", "@chair", "", "a", "1", "\u0000", "\u07FF", "\u0800", "\uFFFF"};

    @Test
    void shouldHashADuplicateKeyAsTheKeyMadeAString() {
        // given: seeded random texts of mixed case, white space of every kind, links, emoji and lone surrogates
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Hash64 hash = new Hash64();
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(n < 100 ? 400 : 30); k > 0; k--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }

            // when
            long direct = hash.ofDuplicateKey(text.toString());

            // then
            assertThat(direct).as("seed %d, text %d", seed, n).isEqualTo(hash.of(Text.duplicateKey(text.toString())));
        }
    }
}
