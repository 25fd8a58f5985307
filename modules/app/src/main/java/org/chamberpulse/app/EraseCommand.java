package org.chamberpulse.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.chamberpulse.config.KafkaClients;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.dashboard.AuditLog;
import org.chamberpulse.ingest.PulseProducer;
import org.chamberpulse.model.ModerationEvent;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.ScoredComment;
import org.chamberpulse.model.Topics;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Erasure at a resident's request (UK GDPR Article 17): finds the person's comments, or one comment, among
 * the comments the topology has placed ({@code pulse.comments.scored}), and erases each from its meeting
 * with an {@code ERASE} on {@code pulse.moderation}: it leaves the counts, quotes, words, views and records
 * for good (a final meeting's record gets a new version), and never comes back. The request is audited
 * with the author's pseudonym, never the handle. docs/SECURITY.md says what remains where, and for how long.
 */
@Command(name = "erase", mixinStandardHelpOptions = true,
        description = {"Erase a person's comments (--source and --author) or one comment (--comment) from every count, quote, view and report.",
                "Run it with the data directory (or author.secret) of the instances, so that the pseudonym matches."})
final class EraseCommand implements Callable<Integer> {

    static final class Target {
        @ArgGroup(exclusive = false)
        Author author;

        @Option(names = "--comment", paramLabel = "ID", description = "One comment: its source id (mastodon:…) or its public id (c…).")
        String comment;
    }

    static final class Author {
        @Option(names = "--source", required = true, paramLabel = "S", description = "The network: mastodon, bluesky, x, web, sms, replay.")
        String source;

        @Option(names = "--author", required = true, paramLabel = "HANDLE", description = "The person's handle on that network, as they gave it.")
        String handle;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--data-dir", paramLabel = "D", description = "The data directory of the instances (its author.secret and audit.log).")
    Path dataDir;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws Exception {
        Map<String, String> options = new HashMap<>();
        options.put("data.dir", dataDir == null ? null : dataDir.toString());
        PulseConfig pulse = cluster.load(options);
        Pseudonyms pseudonyms = Pseudonyms.fromConfig(pulse);
        String pseudonym = target.author == null ? null
                : Pseudonyms.isPseudonym(target.author.handle) ? target.author.handle : pseudonyms.of(target.author.source, target.author.handle);
        Set<String> found = new TreeSet<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(pulse)) {
            scan(consumer, scored -> {
                String id = scored.comment().id();
                boolean match = pseudonym != null ? pseudonym.equals(scored.comment().author())
                        : target.comment.equals(id) || target.comment.equals(pseudonyms.publicId(id));
                if (match && scored.meetingId() != null) {
                    found.add(scored.meetingId() + "\n" + id);
                }
            });
        }
        Instant now = Clock.systemUTC().instant();
        Set<String> meetings = new TreeSet<>();
        try (PulseProducer producer = new PulseProducer(pulse, pulse.bootstrap())) {
            for (String entry : found) {
                String[] parts = entry.split("\n", 2);
                meetings.add(parts[0]);
                producer.send(Topics.MODERATION, parts[0], new ModerationEvent(parts[0], parts[1], ModerationEvent.Action.ERASE, now, "erase")).get(30, TimeUnit.SECONDS);
            }
        }
        String who = pseudonym != null ? "author " + pseudonym + " (" + target.author.source + ")" : "comment " + target.comment;
        new AuditLog(pulse.dataDir().resolve("audit.log"), Clock.systemUTC()).record(System.getProperty("user.name", "operator"), "erased",
                String.join(" ", meetings), Map.of("who", who, "comments", Integer.toString(found.size())));
        System.out.printf("Erased %d comment(s) of %s in %d meeting(s)%s.%n", found.size(), who, meetings.size(),
                meetings.isEmpty() ? "" : ": " + String.join(", ", meetings));
        System.out.println("What remains: their text on pulse.comments.raw, pulse.comments.scored and pulse.dlq until comments.retention"
                + " (" + pulse.commentRetention().toDays() + " days) deletes it; nothing public.");
        return 0;
    }

    private static KafkaConsumer<String, byte[]> consumer(PulseConfig pulse) {
        Properties props = KafkaClients.committedReader(pulse, pulse.bootstrap());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Every placed comment on pulse.comments.scored, from the beginning to the end as it is now. */
    private static void scan(KafkaConsumer<String, byte[]> consumer, Consumer<ScoredComment> each) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.COMMENTS_SCORED.name(), Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                ScoredComment scored;
                try {
                    scored = Topics.COMMENTS_SCORED.valueSerde().deserializer().deserialize(record.topic(), record.value());
                } catch (RuntimeException unreadable) {
                    continue;
                }
                if (scored != null && scored.comment() != null && scored.comment().id() != null) {
                    each.accept(scored);
                }
            }
        }
    }
}
