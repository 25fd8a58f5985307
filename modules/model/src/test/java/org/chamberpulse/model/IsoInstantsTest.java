package org.chamberpulse.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    /** Jackson's own reading of instants, which the fast one must match: the same instant, or an error. */
    private static final ObjectMapper JACKSON_ALONE = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void shouldReadTheUsualShapesWithoutJacksonsReader() {
        // given / when / then
        assertThat(IsoInstants.parse("2026-12-01T18:30:05Z")).isEqualTo(Instant.parse("2026-12-01T18:30:05Z"));
        assertThat(IsoInstants.parse("2024-02-29T23:59:59.5Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.500Z"));
        assertThat(IsoInstants.parse("1970-01-01T00:00:00.000000001Z")).isEqualTo(Instant.ofEpochSecond(0, 1));
    }

    @Test
    void shouldLeaveEveryOtherShapeToJacksonsReader() {
        // given / when / then
        for (String other : new String[]{"2026-12-01T18:30:05+01:00", "2026-12-01t18:30:05z", " 2026-12-01T18:30:05Z", "2026-02-30T10:00:00Z",
                "2026-12-01T24:00:00Z", "2026-12-01T23:59:60Z", "2026-12-01T18:30:05.Z", "2026-12-01T18:30:05.1234567890Z", "2026-13-01T00:00:00Z",
                "+2026-12-01T18:30:05Z", "2026-12-01T18:30Z"}) {
            assertThat(IsoInstants.parse(other)).as(other).isNull();
        }
    }

    @Test
    void shouldReadEveryTextAsJacksonAloneDoes() throws Exception {
        // given: instants written out, some with a character changed, a digit dropped or one added
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String noise = "0123456789-:.TZz+ ";
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L), random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
            StringBuilder text = new StringBuilder(instant.toString());
            switch (random.nextInt(4)) {
                case 0 -> text.setCharAt(random.nextInt(text.length()), noise.charAt(random.nextInt(noise.length())));
                case 1 -> text.deleteCharAt(random.nextInt(text.length()));
                case 2 -> text.insert(random.nextInt(text.length() + 1), noise.charAt(random.nextInt(noise.length())));
                default -> { }
            }
            String json = "\"" + text + "\"";
            // when
            String ours = read(Json.MAPPER, json);
            String theirs = read(JACKSON_ALONE, json);
            // then
            assertThat(ours).as("seed %d, input %s", seed, json).isEqualTo(theirs);
        }
    }

    @Test
    void shouldWriteEveryInstantAsTheIsoFormatterDoes() throws Exception {
        // given: instants of every era, the usual years most, with no fraction and with fractions of each length
        ObjectMapper jacksonAlone = JsonMapper.builder().addModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 50_000; i++) {
            long seconds = random.nextBoolean() ? random.nextLong(1_600_000_000L, 2_000_000_000L) : random.nextLong(-100_000_000_000L, 400_000_000_000L);
            int nanos = switch (random.nextInt(5)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);

            // when
            String ours = IsoInstants.format(instant);

            // then
            assertThat(ours).as("seed %d, instant %s", seed, instant).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
            assertThat(Json.MAPPER.writeValueAsString(instant)).as("seed %d", seed).isEqualTo(jacksonAlone.writeValueAsString(instant));
        }
        for (String edge : new String[]{"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z"}) {
            assertThat(IsoInstants.format(Instant.parse(edge))).isEqualTo(edge);
        }
    }

    private static String read(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, Instant.class).toString();
        } catch (Exception e) {
            return "error: " + e.getClass().getSimpleName();
        }
    }
}
