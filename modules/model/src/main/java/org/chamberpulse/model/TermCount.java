package org.chamberpulse.model;

/** A hashtag or term and how many comments carried it. */
public record TermCount(String text, long count) {
}
