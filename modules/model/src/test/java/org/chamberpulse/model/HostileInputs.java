package org.chamberpulse.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded hostile input for {@code pulse.comments.raw} and the ingest API: truncated JSON, wrong types, huge
 * strings, invalid UTF-8, control characters, deep nesting, times far in the past or future, bodies that
 * are not JSON at all, and valid comments for meetings nobody knows. Each input says what must become of
 * it: a dead letter, or a comment counted as unmatched under one hashtag of its own.
 */
public final class HostileInputs {

    /** @param unmatchedHashtag the hashtag it is counted under, or null when it must be a dead letter */
    public record Input(String kind, String key, byte[] value, String unmatchedHashtag) {
        public boolean valid() {
            return unmatchedHashtag != null;
        }
    }

    private final Random random;
    private final Instant now;
    private final String run;
    private int serial;

    /**
     * @param now the time the records are written at (the broker's clock for a real topic, the server's
     *            for the API): valid comments are made a little before it
     * @param run a prefix that keeps ids and hashtags apart from other runs
     */
    public HostileInputs(long seed, Instant now, String run) {
        this.random = new Random(seed);
        this.now = now;
        this.run = run;
    }

    private final List<Function<ObjectNode, Input>> kinds = List.of(
            this::unknownMeeting,
            this::truncated,
            this::wrongType,
            this::hugeString,
            this::invalidUtf8,
            this::controlCharacters,
            this::deepNesting,
            this::farPast,
            this::farFuture,
            this::notAComment,
            this::missingField,
            this::badHashtags,
            this::duplicateKey);

    public List<Input> generate(int count) {
        List<Input> inputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            inputs.add(kinds.get(random.nextInt(kinds.size())).apply(valid()));
        }
        return inputs;
    }

    /** A well-formed comment with a hashtag of its own and a unique id and text. */
    private ObjectNode valid() {
        int n = serial++;
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", "web:" + run + "-" + n);
        node.put("source", "web");
        node.put("author", "p" + random.nextInt(1_000));
        node.put("text", "Comment number " + n + " on the budget, " + Integer.toHexString(random.nextInt()));
        node.putArray("hashtags").add(hashtag(n));
        Instant created = now.minusMillis(random.nextInt(3_600_000));
        node.put("createdAt", created.toString());
        node.put("receivedAt", created.plusMillis(random.nextInt(2_000)).toString());
        node.put("lang", "en");
        node.putNull("repostOf");
        return node;
    }

    private String hashtag(int n) {
        return run.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "nomeeting" + (n % 50);
    }

    private Input unknownMeeting(ObjectNode node) {
        return new Input("unknown meeting", node.get("id").asText(), bytes(node), node.get("hashtags").get(0).asText());
    }

    private Input truncated(ObjectNode node) {
        byte[] whole = bytes(node);
        return dead("truncated JSON", node, Arrays.copyOf(whole, random.nextInt(whole.length - 1)));
    }

    private Input wrongType(ObjectNode node) {
        String field = pick("id", "source", "author", "text", "hashtags", "createdAt", "receivedAt", "repostOf");
        switch (random.nextInt(5)) {
            // A number is a time in epoch seconds to Jackson: a negative one is a time before 2006.
            case 0 -> node.put(field, field.equals("createdAt") ? -1 - random.nextInt(Integer.MAX_VALUE) : random.nextInt());
            case 1 -> node.put(field, random.nextBoolean());
            case 2 -> node.putObject(field).put("nested", "value");
            case 3 -> node.put(field, random.nextDouble() * 1e300);
            default -> {
                if (field.equals("hashtags")) {
                    node.put(field, "notalist");
                } else {
                    node.putArray(field).add("in").add("an").add("array");
                }
            }
        }
        if (field.equals("repostOf") || field.equals("receivedAt")) {
            // A wrong type here must still make a dead letter: also break a field that always matters.
            node.put("createdAt", "not a time");
        }
        return dead("wrong type of " + field, node, bytes(node));
    }

    private Input hugeString(ObjectNode node) {
        String field = pick("id", "author", "text", "hashtags");
        int length = field.equals("text") ? Comment.MAX_TEXT_LENGTH + 1 + random.nextInt(200_000) : Validation.MAX_ID_LENGTH + 1 + random.nextInt(50_000);
        String huge = "x".repeat(length);
        if (field.equals("hashtags")) {
            node.putArray("hashtags").add(huge);
        } else {
            node.put(field, huge);
        }
        return dead("huge " + field, node, bytes(node));
    }

    private Input invalidUtf8(ObjectNode node) {
        byte[] whole = bytes(node);
        String text = node.get("text").asText();
        int at = indexOf(whole, text.getBytes(StandardCharsets.UTF_8)) + random.nextInt(text.length());
        byte[][] broken = {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}};
        byte[] bad = broken[random.nextInt(broken.length)];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(whole, 0, at);
        out.writeBytes(bad);
        out.write(whole, at, whole.length - at);
        return dead("invalid UTF-8", node, out.toByteArray());
    }

    private Input controlCharacters(ObjectNode node) {
        if (random.nextInt(4) == 0) {
            // Valid JSON escapes, but not Unicode text: it cannot be written out as UTF-8 again.
            String json = new String(bytes(node), StandardCharsets.UTF_8).replace("Comment number", "Comment \\uD800 number");
            return dead("unpaired surrogate", node, json.getBytes(StandardCharsets.UTF_8));
        }
        char control = (char) (1 + random.nextInt(8));
        if (random.nextBoolean()) {
            // Escaped in the JSON: well-formed, but the text itself holds a control character.
            String field = pick("text", "author");
            node.put(field, "before" + control + "after");
            return dead("control character in " + field + " (escaped)", node, bytes(node));
        }
        String json = new String(bytes(node), StandardCharsets.UTF_8).replace("Comment number", "Comment" + control + "number");
        return dead("control character (raw)", node, json.getBytes(StandardCharsets.UTF_8));
    }

    private Input deepNesting(ObjectNode node) {
        int depth = Json.MAX_NESTING_DEPTH + 1 + random.nextInt(20_000);
        String json = new String(bytes(node), StandardCharsets.UTF_8);
        String nested = "[".repeat(depth) + "]".repeat(depth);
        return dead("deep nesting", node, (json.substring(0, json.length() - 1) + ",\"extra\":" + nested + "}").getBytes(StandardCharsets.UTF_8));
    }

    private Input farPast(ObjectNode node) {
        String time = pick("1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "2005-12-31T23:59:59Z",
                "1999-12-31T23:59:59.999999999Z");
        node.put("createdAt", time);
        return dead("createdAt far in the past", node, bytes(node));
    }

    private Input farFuture(ObjectNode node) {
        Instant future = now.plus(Duration.ofDays(1 + random.nextInt(3_000_000)));
        switch (random.nextInt(3)) {
            case 0 -> node.put("createdAt", future.toString());
            case 1 -> {
                // Both in the future: receivedAt says when we got it, and we cannot have got it yet.
                node.put("createdAt", future.toString());
                node.put("receivedAt", future.toString());
            }
            default -> node.put("createdAt", "+1000000000-12-31T23:59:59.999999999Z");
        }
        return dead("createdAt far in the future", node, bytes(node));
    }

    private Input notAComment(ObjectNode node) {
        byte[] value = switch (random.nextInt(10)) {
            case 0 -> new byte[0];
            case 1 -> "null".getBytes(StandardCharsets.UTF_8);
            case 2 -> "[]".getBytes(StandardCharsets.UTF_8);
            case 3 -> "\"just a string\"".getBytes(StandardCharsets.UTF_8);
            case 4 -> Long.toString(random.nextLong()).getBytes(StandardCharsets.UTF_8);
            case 5 -> {
                byte[] noise = new byte[1 + random.nextInt(2_000)];
                random.nextBytes(noise);
                noise[0] = '{';
                yield noise;
            }
            case 6 -> ("<html><body>" + node.get("text").asText() + "</body></html>").getBytes(StandardCharsets.UTF_8);
            case 7 -> (new String(bytes(node), StandardCharsets.UTF_8) + " {\"second\":1}").getBytes(StandardCharsets.UTF_8);
            case 8 -> ("\uFEFF{\"id\": NaN, // comment\n}").getBytes(StandardCharsets.UTF_8);
            default -> {
                // Close to the broker's limit of a record, and not UTF-8: as text and base64 it would be four times that.
                byte[] noise = new byte[300_000 + random.nextInt(600_000)];
                random.nextBytes(noise);
                yield noise;
            }
        };
        return dead("not a comment", node, value);
    }

    private Input missingField(ObjectNode node) {
        String field = pick("id", "source", "author", "text", "createdAt");
        boolean removed = random.nextBoolean();
        if (removed) {
            node.remove(field);
        } else {
            node.put(field, field.equals("createdAt") ? "" : "   ");
        }
        return dead((removed ? "missing " : "blank ") + field, node, bytes(node));
    }

    private Input badHashtags(ObjectNode node) {
        ArrayNode tags = node.putArray("hashtags");
        switch (random.nextInt(3)) {
            case 0 -> {
                for (int i = 0; i <= Validation.MAX_HASHTAGS; i++) {
                    tags.add("tag" + i);
                }
            }
            case 1 -> tags.add("two words");
            default -> tags.addNull();
        }
        return dead("bad hashtags", node, bytes(node));
    }

    private Input duplicateKey(ObjectNode node) {
        String json = new String(bytes(node), StandardCharsets.UTF_8);
        return dead("duplicate field", node, (json.substring(0, json.length() - 1) + ",\"text\":\"again\"}").getBytes(StandardCharsets.UTF_8));
    }

    private Input dead(String kind, ObjectNode node, byte[] value) {
        String key = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "k\u0000\uFFFF" + serial;
            default -> node.path("id").isTextual() ? node.get("id").asText() : "x" + serial;
        };
        return new Input(kind, key, value, null);
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("not found");
    }
}
