package org.chamberpulse.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the shape of instant every client sends ("2026-12-01T18:30:05Z", with a fraction of 1 to 9 digits or
 * none) without {@code DateTimeFormatter}, whose parsing cost a post's intake more than the rest of its JSON
 * (docs/BENCHMARKS.md). Any other text, and a date or time out of range, goes to Jackson's own reader as
 * before, which accepts or refuses it with the same message.
 */
final class IsoInstants {

    private static final int SHORTEST = "2026-12-01T18:30:05Z".length();

    private IsoInstants() {
    }

    /** Puts the fast reading in front of the instant reader the mapper's other modules give. */
    static Module module() {
        return new SimpleModule("iso-instants").setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description, JsonDeserializer<?> reader) {
                return description.getBeanClass() == Instant.class ? new Fast(reader) : reader;
            }
        });
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
