package org.chamberpulse.sentiment;

/**
 * The sentiment of one post: VADER's scores when the post is English, or none when it is in a language
 * the scorer does not support ({@code scores} null), with the language found.
 */
public record Analysis(VaderScores scores, String lang) {

    public boolean scored() {
        return scores != null;
    }
}
