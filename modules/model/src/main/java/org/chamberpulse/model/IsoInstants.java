package org.chamberpulse.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Writes instants as ISO-8601 text, and reads the shape of instant every client sends ("2026-12-01T18:30:05Z",
 * with a fraction of 1 to 9 digits or none), without {@code DateTimeFormatter}, whose parsing cost a post's
 * intake more than the rest of its JSON (docs/BENCHMARKS.md). Any other text, and a date or time out of range,
 * goes to Jackson's own reader as before, which accepts or refuses it with the same message.
 */
final class IsoInstants {

    private static final int SHORTEST = "2026-12-01T18:30:05Z".length();
    /** The instants of the years 0 to 9999, the ones written here without the formatter. */
    private static final long FIRST_FAST = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;
    private static final long LAST_FAST = LocalDate.of(9999, 12, 31).toEpochDay() * 86_400 + 86_399;
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private IsoInstants() {
    }

    /**
     * Puts the fast reading in front of the instant reader the mapper's other modules give, and writes instants
     * as {@link DateTimeFormatter#ISO_INSTANT} does (registered after them, this writer is the one used).
     */
    static Module module() {
        return new SimpleModule("iso-instants").setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description, JsonDeserializer<?> reader) {
                return description.getBeanClass() == Instant.class ? new Fast(reader) : reader;
            }
        }).addSerializer(Instant.class, new FastWriter());
    }

    /**
     * The instant as {@link DateTimeFormatter#ISO_INSTANT} writes it ("2026-12-01T18:30:05Z", a fraction in groups
     * of three digits as needed), built by hand for the years 0 to 9999; other years as the formatter writes them.
     * Every public output writes its instants so (a scored comment three), where the formatter's printing was the
     * larger part of writing a comment's JSON (docs/BENCHMARKS.md, throughput, tenth session).
     */
    static String format(Instant at) {
        long seconds = at.getEpochSecond();
        if (seconds < FIRST_FAST || seconds > LAST_FAST) {
            return DateTimeFormatter.ISO_INSTANT.format(at);
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int time = (int) Math.floorMod(seconds, 86_400);
        int nanos = at.getNano();
        int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        char[] out = new char[SHORTEST + (fraction == 0 ? 0 : fraction + 1)];
        put(out, 0, date.getYear(), 4);
        out[4] = '-';
        put(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, time / 3_600, 2);
        out[13] = ':';
        put(out, 14, time / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, time % 60, 2);
        if (fraction > 0) {
            out[19] = '.';
            put(out, 20, nanos / POWERS_OF_TEN[9 - fraction], fraction);
        }
        out[out.length - 1] = 'Z';
        return new String(out);
    }

    /** {@code value} in {@code width} decimal digits, leading zeros included, at {@code out[from]}. */
    private static void put(char[] out, int from, int value, int width) {
        for (int k = from + width - 1; k >= from; k--) {
            out[k] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The instant, or null when the text is not of the usual shape or names no real date and time. */
    static Instant parse(String text) {
        int n = text.length();
        if (n < SHORTEST || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (n > SHORTEST) {
            int fraction = n - SHORTEST - 1;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9 || (nanos = digits(text, 20, n - 1)) < 0) {
                return null;
            }
            for (int k = fraction; k < 9; k++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException noSuchDay) {
            return null;
        }
    }

    /** The number written in {@code text[from, to)} in ASCII digits, or -1. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static final class FastWriter extends StdSerializer<Instant> {

        FastWriter() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(format(value));
        }
    }

    private static final class Fast extends DelegatingDeserializer {

        Fast(JsonDeserializer<?> reader) {
            super(reader);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> reader) {
            return new Fast(reader);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant instant = parse(parser.getText());
                if (instant != null) {
                    return instant;
                }
            }
            return super.deserialize(parser, context);
        }
    }
}
