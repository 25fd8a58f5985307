package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.chamberpulse.model.DeadLetter;
import org.chamberpulse.model.Topic;
import org.chamberpulse.model.Topics;
import org.chamberpulse.model.Validation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand hostile records on each of pulse.meetings, pulse.agenda and pulse.moderation (seeded): the
 * topology never stops, and every record is a dead letter with a reason exactly when it is not a valid one
 * (by the same parser and rules), else applied.
 */
class HostileControlInputTest {

    private static final Instant WRITTEN_AT = Instant.parse("2026-11-27T19:00:00Z");
    private static final long SEED = 20261201L;
    private static final int RECORDS = 10_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final PulseDriver driver = new PulseDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldAccountForEveryHostileControlRecordWithoutStopping() {
        // given
        Random random = new Random(SEED);
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            inputs.add(input(Topics.MEETINGS, random, meeting(random), json -> json.bytes() == null
                    // a tombstone deletes the meeting of its key
                    ? Validation.identifierProblem("meetingId", json.key())
                    : orUnreadable(parsed(Topics.MEETINGS, json), m ->
                            Validation.meetingProblem(m).or(() -> m.meetingId().equals(json.key()) ? Optional.empty() : Optional.of("key")))));
            inputs.add(input(Topics.AGENDA, random, agenda(random), json -> orUnreadable(parsed(Topics.AGENDA, json), Validation::agendaProblem)));
            inputs.add(input(Topics.MODERATION, random, moderation(random),
                    json -> orUnreadable(parsed(Topics.MODERATION, json), Validation::moderationProblem)));
        }

        // when
        for (Input input : inputs) {
            driver.raw(input.topic(), input.key(), input.value(), WRITTEN_AT);
        }
        driver.emit();

        // then: the dead letters are exactly the invalid records, topic by topic, in order
        List<DeadLetter> dead = driver.deadLetters();
        for (Topic<String, ?> topic : List.of(Topics.MEETINGS, Topics.AGENDA, Topics.MODERATION)) {
            List<Input> ofTopic = inputs.stream().filter(in -> in.topic().equals(topic)).toList();
            List<Long> expected = new ArrayList<>();
            for (int offset = 0; offset < ofTopic.size(); offset++) {
                if (!ofTopic.get(offset).valid()) {
                    expected.add((long) offset);
                }
            }
            assertThat(dead.stream().filter(d -> d.topic().equals(topic.name())).map(DeadLetter::offset).toList())
                    .as("seed %d: dead letters of %s", SEED, topic.name()).isEqualTo(expected);
            assertThat(expected.size()).as("seed %d: %s has valid and invalid records", SEED, topic.name()).isBetween(RECORDS / 10, RECORDS * 9 / 10);
        }
        assertThat(dead).allSatisfy(d -> assertThat(d.reason()).isNotBlank());
    }

    private record Input(Topic<String, ?> topic, String key, byte[] value, boolean valid) {
    }

    private record Json(String key, byte[] bytes) {
    }

    /** A valid record, mutated in one of many hostile ways half the time; whether it is valid is judged as the topology judges. */
    private static Input input(Topic<String, ?> topic, Random random, ObjectNode valid, Function<Json, Optional<String>> problem) {
        String key = valid.path("meetingId").asText("m");
        byte[] bytes = random.nextBoolean() ? bytes(valid) : mutate(valid, random);
        if (random.nextInt(50) == 0) {
            key = random.nextBoolean() ? null : "k" + random.nextInt(3);
        }
        return new Input(topic, key, bytes, problem.apply(new Json(key, bytes)).isEmpty());
    }

    /** The record as the topic's serde reads it: empty means it did not parse (a problem in itself). */
    private static <V> Optional<V> parsed(Topic<String, V> topic, Json json) {
        if (json.bytes() == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(topic.valueSerde().deserializer().deserialize(topic.name(), json.bytes()));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static <V> Optional<String> orUnreadable(Optional<V> parsed, Function<V, Optional<String>> check) {
        return parsed.isEmpty() ? Optional.of("unreadable") : check.apply(parsed.get());
    }

    private static ObjectNode meeting(Random random) {
        ObjectNode m = NODES.objectNode();
        String id = "m" + random.nextInt(20);
        m.put("meetingId", id).put("title", "Cabinet " + id).put("body", "Test Council").put("scheduledStart", "2026-11-27T14:00:00Z")
                .put("timezone", "Europe/London").put("broadcastDelaySeconds", 0);
        m.putArray("hashtags").add("tag" + random.nextInt(5));
        ArrayNode items = m.putArray("items");
        for (int i = 1; i <= 1 + random.nextInt(6); i++) {
            items.addObject().put("itemId", Integer.toString(i)).put("number", Integer.toString(i)).put("title", "Item " + i).put("restricted", i == 4);
        }
        return m;
    }

    private static ObjectNode agenda(Random random) {
        String[] types = {"OPENED", "ITEM_STARTED", "RECESS", "RESUMED", "ADJOURNED", "CORRECTION"};
        String type = types[random.nextInt(types.length)];
        ObjectNode e = NODES.objectNode().put("meetingId", "m" + random.nextInt(20)).put("type", type)
                .put("at", Instant.parse("2026-11-27T14:00:00Z").plusSeconds(random.nextInt(7_200)).toString()).put("actor", "clerk");
        if (type.equals("ITEM_STARTED") || type.equals("CORRECTION")) {
            e.put("itemId", Integer.toString(1 + random.nextInt(6)));
        }
        return e;
    }

    private static ObjectNode moderation(Random random) {
        String[] actions = {"HIDE", "SHOW", "ERASE"};
        return NODES.objectNode().put("meetingId", "m" + random.nextInt(20)).put("commentId", "mastodon:" + random.nextInt(1_000))
                .put("action", actions[random.nextInt(actions.length)]).put("at", "2026-11-27T14:30:00Z").put("actor", "clerk");
    }

    /** One hostile change: a field of the wrong type, huge, missing, null, odd characters; broken or deep JSON; random bytes; nothing. */
    private static byte[] mutate(ObjectNode valid, Random random) {
        ObjectNode node = valid.deepCopy();
        List<String> fields = new ArrayList<>();
        node.fieldNames().forEachRemaining(fields::add);
        String field = fields.get(random.nextInt(fields.size()));
        switch (random.nextInt(14)) {
            case 0 -> node.remove(field);
            case 1 -> node.putNull(field);
            case 2 -> node.put(field, random.nextLong());
            case 3 -> node.put(field, "x".repeat(1 + random.nextInt(300_000)));
            case 4 -> node.put(field, "bad\u0000\u001b\n" + field);
            case 5 -> node.put(field, "\uD800broken");
            case 6 -> node.putArray(field).add(1).add("two");
            case 7 -> node.putObject(field).put("nested", true);
            case 8 -> node.put(field, random.nextBoolean() ? "+1000000000-12-31T23:59:59Z" : "1970-01-01T00:00:00Z");
            case 9 -> {
                byte[] whole = bytes(node);
                return Arrays.copyOf(whole, random.nextInt(whole.length));
            }
            case 10 -> {
                String deep = "[".repeat(1 + random.nextInt(20_000));
                return deep.getBytes(StandardCharsets.UTF_8);
            }
            case 11 -> {
                byte[] noise = new byte[random.nextInt(2_000)];
                random.nextBytes(noise);
                return noise;
            }
            case 12 -> {
                return random.nextBoolean() ? null : new byte[0];
            }
            default -> {
                return (new String(bytes(node), StandardCharsets.UTF_8) + " trailing").getBytes(StandardCharsets.UTF_8);
            }
        }
        return bytes(node);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return org.chamberpulse.model.Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
