package org.chamberpulse.ingest.agenda;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Meeting;

/**
 * A meeting written by hand, in YAML or JSON (see docs/AGENDA.md): the meeting's fields as on
 * {@code pulse.meetings}, with friendlier forms allowed. {@code start} may be a local date and time
 * ("2026-11-27 14:00", in {@code timezone}) or an instant; an item's {@code itemId} may be left out.
 */
public final class AgendaFile {

    /** The file's shape; every field but {@code title}, {@code start} and the items' titles may be left out. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Spec(String meetingId, String title, String body, List<String> hashtags,
                @JsonAlias("scheduledStart") String start, String timezone, Integer broadcastDelaySeconds, List<ItemSpec> items) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record ItemSpec(String itemId, String number, String title, Boolean restricted, String externalId, String minutesNumber) {
    }

    private static final List<String> FIELDS = List.of("meetingId", "title", "body", "hashtags", "start", "timezone", "broadcastDelaySeconds", "items");
    private static final List<String> ITEM_FIELDS = List.of("itemId", "number", "title", "restricted", "externalId", "minutesNumber");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd[ ]['T']HH:mm[:ss]", Locale.ROOT);

    private AgendaFile() {
    }

    /** Reads a YAML or JSON file (JSON is YAML too); the defaults fill what the file leaves out. */
    public static Meeting read(Path file, MeetingDefaults defaults) {
        Spec spec;
        try {
            spec = YAML.readValue(Files.readString(file), Spec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new AgendaImportException(file + ": unknown field \"" + e.getPropertyName() + "\"; a meeting has " + String.join(", ", FIELDS)
                    + ", and each item " + String.join(", ", ITEM_FIELDS), e);
        } catch (JsonMappingException e) {
            throw new AgendaImportException(file + ": " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""), e);
        } catch (IOException e) {
            throw new AgendaImportException("Could not read " + file + ": " + e.getMessage(), e);
        }
        if (spec == null) {
            throw new AgendaImportException(file + " is empty");
        }
        return meeting(spec, defaults, file.toString());
    }

    static Meeting meeting(Spec spec, MeetingDefaults defaults, String source) {
        ZoneId zone;
        try {
            zone = defaults.zoneOr(spec.timezone() == null ? null : ZoneId.of(spec.timezone()));
        } catch (DateTimeException e) {
            throw new AgendaImportException(source + ": timezone \"" + spec.timezone() + "\" is not a time zone such as Europe/London");
        }
        if (spec.start() == null || spec.start().isBlank()) {
            throw new AgendaImportException(source + ": start is missing (e.g. start: 2026-11-27 14:00)");
        }
        Instant start = start(spec.start().strip(), zone, source);
        String meetingId = defaults.meetingId() != null ? defaults.meetingId() : spec.meetingId();
        if (meetingId == null || meetingId.isBlank()) {
            throw new AgendaImportException(source + ": meetingId is missing (or pass --id)");
        }
        List<String> hashtags = !defaults.hashtags().isEmpty() ? defaults.hashtags() : spec.hashtags() == null ? List.of() : spec.hashtags();
        List<ItemSpec> specs = spec.items() == null ? List.of() : spec.items();
        List<AgendaItem> items = ItemIds.assign(specs,
                item -> new AgendaItem(item.itemId() == null ? null : item.itemId().strip(), item.number(), item.title(),
                        Boolean.TRUE.equals(item.restricted()), item.externalId(), item.minutesNumber()),
                item -> "item" + (specs.indexOf(item) + 1));
        String title = defaults.title() != null ? defaults.title() : spec.title();
        String body = defaults.body() != null ? defaults.body() : spec.body();
        return new Meeting(meetingId.strip(), title, body, hashtags, start, zone.getId(), defaults.delayOr(spec.broadcastDelaySeconds()), items);
    }

    private static Instant start(String text, ZoneId zone, String source) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(text, LOCAL).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw new AgendaImportException(source + ": start \"" + text + "\" is not a date and time such as 2026-11-27 14:00");
            }
        }
    }
}
