package org.chamberpulse.topology;

import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.ScoredComment;

/** What an attributor publishes: an item's summary or a comment as placed. */
record AttributionOutput(ItemSummary summary, ScoredComment scored) {
}
