package org.chamberpulse.ingest.agenda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.Validation;
import org.junit.jupiter.api.Test;

class ModernGovXmlTest {

    static final MeetingDefaults DEFAULTS = new MeetingDefaults(null, List.of("bcclive"), null, null, null, "Birmingham City Council");

    static String sample() throws IOException {
        try (InputStream in = ModernGovXmlTest.class.getResourceAsStream("/moderngov/getmeeting-12345.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldMapTheMeetingAndEachAgendaItem() throws Exception {
        // when
        Meeting meeting = ModernGovXml.parse(sample(), 12345, DEFAULTS);

        // then
        assertThat(meeting.meetingId()).isEqualTo("mg-12345");
        assertThat(meeting.title()).isEqualTo("City Council");
        assertThat(meeting.body()).isEqualTo("Birmingham City Council");
        assertThat(meeting.hashtags()).containsExactly("bcclive");
        assertThat(meeting.scheduledStart()).isEqualTo(Instant.parse("2026-11-27T14:00:00Z"));
        assertThat(meeting.timezone()).isEqualTo("Europe/London");
        assertThat(meeting.broadcastDelaySeconds()).isEqualTo(30);
        assertThat(meeting.items()).containsExactly(
                new AgendaItem("1", "1.", "Notice of Recording/Webcast", false, "63010", "410"),
                new AgendaItem("2", "2.", "Petitions & Questions from Members of the Public", false, "63011", "411"),
                new AgendaItem("4a", "4(a)", "Bus Lanes on the A38 – Cabinet Member's Report", false, "63012", "412"),
                new AgendaItem("5", "5.", "Gwasanaethau Cymraeg: adroddiad blynyddol", false, "63013", null),
                new AgendaItem("6", "6.", "Exclusion of the Public: Land at Digbeth", true, "63014", "414"));
        assertThat(Validation.meetingProblem(meeting)).isEmpty();
    }

    @Test
    void shouldPlaceASummerMeetingInBritishSummerTime() throws Exception {
        // given
        String xml = sample().replace("27/11/2026", "02/07/2026").replace("<meetingtime>14:00", "<meetingtime>2:00 pm");

        // when
        Meeting meeting = ModernGovXml.parse(xml, 12345, DEFAULTS);

        // then
        assertThat(meeting.scheduledStart()).isEqualTo(Instant.parse("2026-07-02T13:00:00Z"));
    }

    @Test
    void shouldReadAnAnswerWrappedAsAString() throws Exception {
        // given
        String inner = sample().replaceFirst("<\\?xml[^>]*>", "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        String wrapped = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<string xmlns=\"http://moderngov.co.uk/namespaces\">" + inner + "</string>";

        // when
        Meeting meeting = ModernGovXml.parse(wrapped, 12345, DEFAULTS);

        // then
        assertThat(meeting.items()).hasSize(5);
        assertThat(meeting.items().get(1).title()).isEqualTo("Petitions & Questions from Members of the Public");
    }

    @Test
    void shouldSayClearlyWhatIsWrongWithABadAnswer() throws Exception {
        // when / then
        assertThatThrownBy(() -> ModernGovXml.parse("<!DOCTYPE html><html><body>Service unavailable</body></html>", 12345, DEFAULTS))
                .isInstanceOf(AgendaImportException.class).hasMessageContaining("switched off");
        assertThatThrownBy(() -> ModernGovXml.parse("<getmeeting><meeting><meetingid>12345</meeting>", 12345, DEFAULTS))
                .isInstanceOf(AgendaImportException.class).hasMessageContaining("not well-formed XML (line 1");
        assertThatThrownBy(() -> ModernGovXml.parse("<getmeeting/>", 12345, DEFAULTS))
                .isInstanceOf(AgendaImportException.class).hasMessageContaining("holds no <meeting> for meeting 12345");
        assertThatThrownBy(() -> ModernGovXml.parse(sample(), 999, DEFAULTS))
                .isInstanceOf(AgendaImportException.class).hasMessageContaining("answered with meeting 12345 when asked for meeting 999");
        assertThatThrownBy(() -> ModernGovXml.parse(sample().replace("<meetingtime>14:00</meetingtime>", "<meetingtime></meetingtime>"), 12345, DEFAULTS))
                .isInstanceOf(AgendaImportException.class).hasMessageContaining("has no <meetingtime>");
        assertThatThrownBy(() -> ModernGovXml.parse(sample().replace("27/11/2026", "next Tuesday"), 12345, DEFAULTS))
                .isInstanceOf(AgendaImportException.class).hasMessageContaining("<meetingdate> \"next Tuesday\"");
    }

    @Test
    void shouldRefuseADocumentTypeDeclarationSoNoEntityReachesOutside() {
        // given
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE getmeeting [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<getmeeting><meeting><meetingid>1</meetingid><meetingdate>27/11/2026</meetingdate><meetingtime>14:00</meetingtime>"
                + "<committee><committeetitle>&x;</committeetitle></committee></meeting></getmeeting>";

        // when / then
        assertThatThrownBy(() -> ModernGovXml.parse(xxe, 1, DEFAULTS)).isInstanceOf(AgendaImportException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void shouldKeepEveryItemWhateverItsNumbersAndTitles() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int round = 0; round < 300; round++) {
            // given
            List<AgendaItem> expected = new ArrayList<>();
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><getmeeting><meeting><meetingid>7</meetingid>"
                    + "<meetingdate>3/1/2027</meetingdate><meetingtime>18:30</meetingtime><agendaitems>");
            int count = random.nextInt(25);
            for (int i = 0; i < count; i++) {
                String number = NUMBERS[random.nextInt(NUMBERS.length)] + (random.nextInt(4) == 0 ? "(" + (char) ('a' + random.nextInt(3)) + ")" : "");
                String title = title(random);
                boolean restricted = random.nextBoolean();
                expected.add(new AgendaItem(null, number, title, restricted, Integer.toString(60000 + i), null));
                String encoded = escape(title);
                if (random.nextBoolean()) {
                    encoded = encoded.replace("&", "&amp;"); // encoded twice, as ModernGov often does
                }
                xml.append("<agendaitem><agendaitemid>").append(60000 + i).append("</agendaitemid><agendaitemtitle>").append(encoded)
                        .append("</agendaitemtitle><fulldisplaynumberformat>").append(escape(number)).append("</fulldisplaynumberformat>")
                        .append("<isrestricted>").append(restricted ? "True" : "False").append("</isrestricted></agendaitem>");
            }
            xml.append("</agendaitems></meeting></getmeeting>");

            // when
            Meeting meeting = ModernGovXml.parse(xml.toString(), 7, DEFAULTS);

            // then
            String context = "seed " + seed + ", round " + round;
            assertThat(meeting.items()).as(context).hasSize(count);
            assertThat(meeting.items()).as(context).extracting(AgendaItem::title).containsExactlyElementsOf(expected.stream().map(AgendaItem::title).toList());
            assertThat(meeting.items()).as(context).extracting(AgendaItem::number).containsExactlyElementsOf(expected.stream().map(AgendaItem::number).toList());
            assertThat(meeting.items()).as(context).extracting(AgendaItem::restricted).containsExactlyElementsOf(expected.stream().map(AgendaItem::restricted).toList());
            assertThat(meeting.items()).as(context).extracting(AgendaItem::externalId).containsExactlyElementsOf(expected.stream().map(AgendaItem::externalId).toList());
            assertThat(new HashSet<>(meeting.items().stream().map(AgendaItem::itemId).toList())).as(context).hasSize(count);
            assertThat(Validation.meetingProblem(meeting)).as(context).isEmpty();
            assertThat(meeting.scheduledStart()).as(context).isEqualTo(LocalDateTime.of(2027, 1, 3, 18, 30).atZone(ZoneId.of("Europe/London")).toInstant());
        }
    }

    private static final String[] NUMBERS = {"1", "2.", "3", "4", "4", "10.", "11", "A", "", "pre", "recess", "Item 5", "ŵ"};
    private static final String[] WORDS = {"Budget", "&", "<draft>", "Cabinet", "Member's", "report", "ŵyr", "ŷd", "–", "\"quoted\"", "100%", "A38/A45", "#buslanes"};

    private static String title(Random random) {
        StringBuilder title = new StringBuilder();
        int words = 1 + random.nextInt(8);
        for (int w = 0; w < words; w++) {
            title.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return title.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
