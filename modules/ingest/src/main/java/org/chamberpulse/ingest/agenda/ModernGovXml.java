package org.chamberpulse.ingest.agenda;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Meeting;
import org.jsoup.parser.Parser;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * ModernGov's {@code GetMeeting} answer as a {@link Meeting}. Element names are matched without regard to
 * case or namespace, and wherever they sit below {@code <meeting>}, because councils' installations
 * differ in wrapping; an answer wrapped as a string ({@code <string>&lt;getmeeting&gt;…}) is unwrapped.
 * Titles are often entity-encoded twice ({@code &amp;amp;}): their entities are decoded once more.
 */
public final class ModernGovXml {

    private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder()
            .appendOptional(DateTimeFormatter.ofPattern("d/M/uuuu"))
            .appendOptional(DateTimeFormatter.ISO_LOCAL_DATE)
            .toFormatter(Locale.UK);
    /** The forms a time of day takes on councils' servers, tried in turn on upper-cased text. */
    private static final List<DateTimeFormatter> TIMES = List.of("H:mm[:ss]", "h:mm[ ]a", "h.mm[ ]a", "h[ ]a").stream()
            .map(pattern -> DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH)).toList();

    private ModernGovXml() {
    }

    /**
     * @param meetingNumber the {@code lMeetingId} asked for: the meeting in the answer must be that one
     * @throws AgendaImportException when the answer is not XML, holds no such meeting, or lacks its date
     */
    public static Meeting parse(String xml, long meetingNumber, MeetingDefaults defaults) {
        Element root = parseXml(xml).getDocumentElement();
        if (localName(root).equals("string") && root.getTextContent().strip().startsWith("<")) {
            root = parseXml(root.getTextContent().strip()).getDocumentElement();
        }
        Element meeting = localName(root).equals("meeting") ? root : first(root, "meeting")
                .orElseThrow(() -> new AgendaImportException("ModernGov's answer holds no <meeting> for meeting " + meetingNumber
                        + ": is the meeting id right, and is the meeting published?"));
        String id = text(meeting, "meetingid").orElse("");
        if (!id.isEmpty() && !id.equals(Long.toString(meetingNumber))) {
            throw new AgendaImportException("ModernGov answered with meeting " + id + " when asked for meeting " + meetingNumber);
        }

        ZoneId zone = defaults.zoneOr(null);
        String dateText = text(meeting, "meetingdate")
                .orElseThrow(() -> new AgendaImportException("ModernGov's meeting " + meetingNumber + " has no <meetingdate>"));
        LocalDate date = parseDate(dateText, meetingNumber);
        LocalTime time = text(meeting, "meetingtime").filter(t -> !t.isBlank()).map(t -> parseTime(t, meetingNumber))
                .orElseThrow(() -> new AgendaImportException("ModernGov's meeting " + meetingNumber + " has no <meetingtime>; it cannot be placed in the day"));

        String committee = text(meeting, "committeetitle").or(() -> text(meeting, "committeename")).map(ModernGovXml::decoded).orElse(null);
        String title = defaults.title() != null ? defaults.title() : committee != null && !committee.isBlank() ? committee : "Meeting " + meetingNumber;

        List<Element> elements = all(meeting, "agendaitem");
        List<AgendaItem> items = ItemIds.assign(elements, ModernGovXml::item, e -> "mg" + text(e, "agendaitemid").orElse(Integer.toString(elements.indexOf(e) + 1)));
        String meetingId = defaults.meetingId() != null ? defaults.meetingId() : "mg-" + meetingNumber;
        return new Meeting(meetingId, title, defaults.body(), defaults.hashtags(), date.atTime(time).atZone(zone).toInstant(), zone.getId(),
                defaults.delayOr(null), items);
    }

    private static AgendaItem item(Element e) {
        String number = text(e, "fulldisplaynumberformat").filter(n -> !n.isBlank())
                .or(() -> text(e, "agendaitemnumber")).map(ModernGovXml::decoded).orElse("");
        String title = text(e, "agendaitemtitle").map(ModernGovXml::decoded).orElse("");
        boolean restricted = text(e, "isrestricted").map(r -> r.equalsIgnoreCase("true") || r.equals("1")).orElse(false);
        String minutes = text(e, "minutesitemnumber").map(ModernGovXml::decoded).filter(m -> !m.isBlank()).orElse(null);
        return new AgendaItem(null, number, title, restricted, text(e, "agendaitemid").orElse(null), minutes);
    }

    /** Text as people read it: entities decoded once more (they often come encoded twice), on one line. */
    private static String decoded(String text) {
        return Parser.unescapeEntities(text, false).replaceAll("\\s+", " ").strip();
    }

    private static LocalDate parseDate(String text, long meetingNumber) {
        String day = text.strip().split("[ T]")[0];
        try {
            return LocalDate.parse(day, DATE);
        } catch (DateTimeParseException e) {
            throw new AgendaImportException("ModernGov's meeting " + meetingNumber + " has a <meetingdate> \"" + text + "\" that is not dd/mm/yyyy");
        }
    }

    private static LocalTime parseTime(String text, long meetingNumber) {
        String clock = text.strip();
        int space = clock.indexOf(' ');
        if (clock.matches("\\d{1,2}/\\d{1,2}/\\d{4} .*") && space > 0) {
            clock = clock.substring(space + 1); // some servers send the time as a date and time
        }
        for (DateTimeFormatter form : TIMES) {
            try {
                return LocalTime.parse(clock.toUpperCase(Locale.ROOT), form);
            } catch (DateTimeParseException tryTheNext) {
                // not this form
            }
        }
        throw new AgendaImportException("ModernGov's meeting " + meetingNumber + " has a <meetingtime> \"" + text + "\" that is not a time of day");
    }

    private static Document parseXml(String xml) {
        String trimmed = xml.stripLeading();
        if (trimmed.regionMatches(true, 0, "<!DOCTYPE html", 0, 14) || trimmed.regionMatches(true, 0, "<html", 0, 5)) {
            throw new AgendaImportException("ModernGov answered with a web page, not XML: its web service (mgWebService.asmx) is probably switched off at this council");
        }
        try {
            DocumentBuilder builder = documentBuilder();
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw new AgendaImportException("ModernGov's answer is not well-formed XML (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + "): " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new AgendaImportException("ModernGov's answer could not be read as XML: " + e.getMessage(), e);
        }
    }

    /** No DTDs and no external entities: an answer is data from the network, not a document to trust. */
    private static DocumentBuilder documentBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e; // the default handler would also print to the console
                }
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String localName(Node node) {
        String name = node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
        return name.toLowerCase(Locale.ROOT);
    }

    private static Optional<Element> first(Element parent, String name) {
        List<Element> found = all(parent, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Descendants named {@code name}, in document order. */
    private static List<Element> all(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        collect(parent, name, found);
        return found;
    }

    private static void collect(Element parent, String name, List<Element> found) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                if (localName(child).equals(name)) {
                    found.add(child);
                }
                collect(child, name, found);
            }
        }
    }

    /**
     * The text of the nearest descendant named {@code name} that is not inside an agenda item of
     * {@code parent} (a meeting's own fields are not its items' fields).
     */
    private static Optional<String> text(Element parent, String name) {
        return own(parent, name).map(e -> e.getTextContent().strip());
    }

    private static Optional<Element> own(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        List<Element> deeper = new ArrayList<>();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                if (localName(child).equals(name)) {
                    return Optional.of(child);
                }
                if (!localName(child).equals("agendaitem")) {
                    deeper.add(child);
                }
            }
        }
        for (Element child : deeper) {
            Optional<Element> found = own(child, name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
