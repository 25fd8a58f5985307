package org.chamberpulse.sentiment;

/**
 * One piece of a post, as {@link Tokenizer} cuts it: every character of the post belongs to exactly one
 * token, white space included, so the tokens put back together are the post.
 *
 * @param start index of the first char in the post
 * @param end   index after the last char
 */
public record Token(Type type, String text, int start, int end) {

    public enum Type {
        WORD, NUMBER, HASHTAG, MENTION, URL, EMAIL, EMOJI, EMOTICON, ENTITY, PUNCTUATION, SPACE, OTHER
    }

    /** What an HTML entity stands for ("&amp;" is "&"); the text itself for every other token. */
    public String decoded() {
        return type == Type.ENTITY ? HtmlEntities.decode(text) : text;
    }
}
