package org.chamberpulse.model;

/**
 * What the clerk marks during a meeting. CORRECTION moves the start of an item to the event's time.
 * REOPENED cancels the adjournment before it (a mistaken one): the meeting goes on as if it had not been.
 */
public enum AgendaEventType {
    OPENED, ITEM_STARTED, RECESS, RESUMED, ADJOURNED, CORRECTION, REOPENED;

    public boolean needsItem() {
        return this == ITEM_STARTED || this == CORRECTION;
    }
}
