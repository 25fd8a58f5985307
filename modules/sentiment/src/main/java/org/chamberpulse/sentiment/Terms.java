package org.chamberpulse.sentiment;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The terms of a post that say what it is about: its words in lower case, without stop words, numbers,
 * links, mentions, hashtags and words of fewer than three letters. Each term once per post.
 */
public final class Terms {

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "aren't",
            "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
            "can't", "cannot", "could", "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down",
            "during", "each", "even", "ever", "every", "few", "for", "from", "further", "get", "gets", "got", "had",
            "hadn't", "has", "hasn't", "have", "haven't", "having", "he", "he'd", "he'll", "he's", "her", "here",
            "here's", "hers", "herself", "him", "himself", "his", "how", "how's", "i", "i'd", "i'll", "i'm", "i've",
            "if", "in", "into", "is", "isn't", "it", "it's", "its", "itself", "just", "let's", "like", "me", "more",
            "most", "much", "must", "mustn't", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once",
            "one", "only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own", "really", "same",
            "shan't", "she", "she'd", "she'll", "she's", "should", "shouldn't", "so", "some", "such", "than", "that",
            "that's", "the", "their", "theirs", "them", "themselves", "then", "there", "there's", "these", "they",
            "they'd", "they'll", "they're", "they've", "this", "those", "through", "to", "too", "under", "until", "up",
            "us", "very", "was", "wasn't", "we", "we'd", "we'll", "we're", "we've", "were", "weren't", "what",
            "what's", "when", "when's", "where", "where's", "which", "while", "who", "who's", "whom", "why", "why's",
            "will", "with", "won't", "would", "wouldn't", "yes", "yet", "you", "you'd", "you'll", "you're", "you've",
            "your", "yours", "yourself", "yourselves", "still", "going", "want", "think", "know", "say",
            "said", "see", "well", "way", "lol", "amp", "via", "rt");

    private static final Tokenizer TOKENIZER = new Tokenizer();

    private Terms() {
    }

    public static List<String> of(String text) {
        Set<String> terms = new LinkedHashSet<>();
        // The marks redaction left ("[email removed]") are the product's words, not the people's.
        String own = text.replace(Moderation.EMAIL_REDACTED, " ").replace(Moderation.PHONE_REDACTED, " ");
        TOKENIZER.scan(own, (type, start, end) -> {
            if (type == Token.Type.WORD) {
                String word = own.substring(start, end).toLowerCase(Locale.ROOT).replace('\u2019', '\'');
                if (word.codePointCount(0, word.length()) >= 3 && !STOP_WORDS.contains(word)) {
                    terms.add(word);
                }
            }
        });
        return List.copyOf(terms);
    }

    public static boolean isStopWord(String word) {
        return STOP_WORDS.contains(word.toLowerCase(Locale.ROOT));
    }
}
