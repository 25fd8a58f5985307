package org.chamberpulse.model;

import java.time.Instant;

/** A comment the chair may read out: moderated (no flags), personal data redacted, and never its author. */
public record Quote(String id, String text, Instant at, Sentiment.Label label) {
}
