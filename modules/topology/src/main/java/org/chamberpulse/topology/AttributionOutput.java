package org.chamberpulse.topology;

import org.chamberpulse.model.Alert;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.ScoredComment;

/** What an attributor publishes: an item's summary, a comment as placed, or an alert. */
record AttributionOutput(ItemSummary summary, ScoredComment scored, Alert alert) {
}
