package org.chamberpulse.sentiment;

/**
 * One piece of a post, as {@link Tokenizer} cuts it: every character of the post belongs to exactly one
 * token, white space included, so the tokens put back together are the post. A token refers to the post
 * rather than holding its own text: most tokens (spaces, punctuation) are never read as text.
 *
 * @param post  the whole post the token was cut from
 * @param start index of the first char in the post
 * @param end   index after the last char
 */
public record Token(Type type, String post, int start, int end) {

    public enum Type {
        WORD, NUMBER, HASHTAG, MENTION, URL, EMAIL, EMOJI, EMOTICON, ENTITY, PUNCTUATION, SPACE, OTHER
    }

    /** The token's own characters (a new string at every call). */
    public String text() {
        return post.substring(start, end);
    }

    /** Whether the token is the one character {@code c}. */
    public boolean is(char c) {
        return end == start + 1 && post.charAt(start) == c;
    }

    /** Whether the token starts with the character {@code c}. */
    public boolean startsWith(char c) {
        return post.charAt(start) == c;
    }

    /** What an HTML entity stands for ("&amp;" is "&"); the text itself for every other token. */
    public String decoded() {
        return type == Type.ENTITY ? HtmlEntities.decode(text()) : text();
    }
}
