package org.chamberpulse.dashboard;

import java.util.List;
import org.chamberpulse.model.Meeting;

/** Where the console imports a meeting from (issue 21): the council's ModernGov, by its base URL and meeting number. */
@FunctionalInterface
public interface AgendaSource {

    AgendaSource NONE = (url, number, hashtags, timezone) -> {
        throw new IllegalStateException("this instance cannot import from ModernGov");
    };

    /** The meeting as it would be published; nothing is published. A clear message on any failure. */
    Meeting fromModernGov(String baseUrl, long meetingNumber, List<String> hashtags, String timezone) throws Exception;
}
