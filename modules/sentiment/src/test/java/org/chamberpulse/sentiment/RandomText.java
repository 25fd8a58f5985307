package org.chamberpulse.sentiment;

import java.util.Random;

/** Seeded random posts for property tests: pieces of real posts mixed with hostile characters. */
final class RandomText {

    private static final String[] PIECES = {
        "#", "@", "&", "&amp;", "&#39;", "&#x1F600;", "&bogus;", "http://", "https://x.co/a?b=c", "www.", ":)", ":-(", "<3", "XD",
        "!!!", "?!", "...", "'", "’", "-", "_", " ", "  ", "\t", "\n", "\u00a0", "\u2028", "a", "Z", "é", "ŵ", "ß", "İ", "Σ",
        "don't", "NOT", "but", "kind of", "no", "least", "never so", "😀", "👍🏽", "👨\u200D👩\u200D👧", "🇬🇧", "1\uFE0F\u20E3",
        "❤️", "\uFE0F", "\u200D", "\uD83D", "\uDE00", "\u0000", "\u0007", "ﬁ", "𝐀", "٣", "中文", "bcclive", "#SaveOurLibraries",
        "user@example.org", "07700 900123", "4.99%", "2nd", "Great", "awful", "VERY", "good"};

    private RandomText() {
    }

    static String next(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(25);
        for (int k = 0; k < pieces; k++) {
            if (random.nextInt(10) == 0) {
                text.append((char) random.nextInt(0x10000));
            } else {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
        }
        return text.toString();
    }
}
