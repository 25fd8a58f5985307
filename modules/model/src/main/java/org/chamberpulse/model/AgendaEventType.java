package org.chamberpulse.model;

/** What the clerk marks during a meeting. CORRECTION moves the start of an item to the event's time. */
public enum AgendaEventType {
    OPENED, ITEM_STARTED, RECESS, RESUMED, ADJOURNED, CORRECTION;

    public boolean needsItem() {
        return this == ITEM_STARTED || this == CORRECTION;
    }
}
