package org.chamberpulse.dashboard;

import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.ModerationEvent;

/** Where the clerk console's actions go: Kafka, written and acknowledged before the console answers. */
public interface ClerkPublisher {

    void publish(Meeting meeting) throws Exception;

    void publish(AgendaEvent event) throws Exception;

    void publish(ModerationEvent event) throws Exception;
}
