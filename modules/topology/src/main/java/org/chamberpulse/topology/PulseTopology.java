package org.chamberpulse.topology;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.DeadLetter;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.model.Topic;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.Topics;

/**
 * The ChamberPulse topology, a pure function of its configuration.
 *
 * <pre>
 * pulse.meetings, pulse.agenda, pulse.moderation ─ intake ─> [control, by meetingId] ─ meeting control ─> [desk-control, by hashtag] ─┐
 * pulse.comments.raw ─ intake (validate, score, moderate) ──────────────────────────────────────────────> [desk, by hashtag] ───────┴─ desk
 * desk ─┬─> pulse.summaries, pulse.comments.scored, pulse.alerts, pulse.unmatched, pulse.views, pulse.reports, pulse.dlq
 *        └─> [handoff, by the meeting's home hashtag] ─ desk (the same task and stores) ─> the same topics
 * every intake ─> pulse.dlq
 * </pre>
 *
 * A desk routes the comments of its hashtags (rule 1) and attributes those of the meetings whose home is
 * one of them (rules 2 to 6): a comment in a meeting of one hashtag, the usual case, is placed where it
 * arrives, two hops from its input. Only a meeting with several hashtags receives the comments of the
 * others through the handoff topic. Every input is re-keyed and repartitioned here: producers use
 * different partitioners, so no two inputs are assumed to be co-partitioned.
 */
public final class PulseTopology {

    private static final Serde<String> KEYS = Serdes.String();
    private static final Serde<byte[]> RAW = Serdes.ByteArray();
    private static final Serde<ControlMessage> CONTROL = Binary.of(ControlMessage.class);
    private static final Serde<DeskMessage> DESK = Binary.of(DeskMessage.class).writingRepeatsOnce();
    private PulseTopology() {
    }

    /**
     * @param config its {@code author.secret} keys the authors' pseudonyms and the comments' public ids: run
     *               resolves it before (the configured one, or the data directory's, {@link Pseudonyms#resolve})
     */
    public static Topology build(PulseConfig config) {
        return build(config, new CommentScorer(config.sentimentModel()));
    }

    static Topology build(PulseConfig config, Function<Comment, Sentiment> scorer) {
        StreamsBuilder builder = new StreamsBuilder();
        int partitions = config.partitions();
        // Unresolved only where no one reads the outputs as public (tests of the topology alone).
        String secret = config.authorSecret().isBlank() ? "unresolved:" + config.applicationId() : config.authorSecret();
        Pseudonyms ids = new Pseudonyms(secret.getBytes(StandardCharsets.UTF_8));

        KStream<String, Outcome<ControlMessage>> meetings = read(builder, Topics.MEETINGS)
                .process(ControlIntake::meetings, Named.as("meetings-intake"));
        KStream<String, Outcome<ControlMessage>> agenda = read(builder, Topics.AGENDA)
                .process(ControlIntake::agenda, Named.as("agenda-intake"));
        KStream<String, Outcome<ControlMessage>> moderation = read(builder, Topics.MODERATION)
                .process(ControlIntake::moderation, Named.as("moderation-intake"));
        KStream<String, Outcome<DeskMessage>> comments = read(builder, Topics.COMMENTS_RAW)
                .process(() -> new CommentIntake(scorer, ids), Named.as("comments-intake"));
        deadLetters(meetings, "meetings").merge(deadLetters(agenda, "agenda")).merge(deadLetters(comments, "comments"))
                .merge(deadLetters(moderation, "moderation"))
                .to(Topics.DLQ.name(), produced(Topics.DLQ));

        builder.addStateStore(DeskStores.store(MeetingControl.STORE, KEYS, Binary.of(MeetingRecord.class)));
        KStream<String, DeskMessage> control = valid(meetings, "meetings").merge(valid(agenda, "agenda")).merge(valid(moderation, "moderation"))
                .repartition(Repartitioned.with(KEYS, CONTROL).withName("control").withNumberOfPartitions(partitions))
                .process(MeetingControl::new, Named.as("meeting-control"), MeetingControl.STORE);

        DeskStores.builders().forEach(builder::addStateStore);
        Desks desks = new Desks(config.emitInterval(), config.stateRetention(), config.reportGrace(), config.stateComments(), ids);
        // Changes to meetings reach a desk on a topic of their own, so that a desk with both waiting takes them by
        // timestamp: a change is stamped with the earliest comment time it affects (MeetingControl).
        KStream<String, DeskOutput> fromDesk = valid(comments, "comments")
                .repartition(Repartitioned.with(KEYS, DESK).withName("desk").withNumberOfPartitions(partitions))
                .merge(control.repartition(Repartitioned.with(KEYS, DESK).withName("desk-control").withNumberOfPartitions(partitions)),
                        Named.as("desk-input"))
                .process(desks.node(), Named.as("desk"), DeskStores.NAMES);
        Map<String, KStream<String, DeskOutput>> deskOutputs = fromDesk.split(Named.as("desk-out-"))
                .branch((hashtag, out) -> out instanceof DeskOutput.Handoff, Branched.as("handoffs"))
                .defaultBranch(Branched.as("published"));
        KStream<String, DeskOutput> fromHandoffs = deskOutputs.get("desk-out-handoffs")
                .mapValues(out -> ((DeskOutput.Handoff) out).message(), Named.as("handoff-message"))
                .repartition(Repartitioned.with(KEYS, DESK).withName("handoff").withNumberOfPartitions(partitions))
                .process(desks.node(), Named.as("desk-handoffs"), DeskStores.NAMES);
        deskOutputs.get("desk-out-published").merge(fromHandoffs, Named.as("all-published")).split(Named.as("to-"))
                .branch((key, out) -> out instanceof DeskOutput.Scored, publish(DeskOutput.Scored.class, DeskOutput.Scored::comment, Topics.COMMENTS_SCORED))
                .branch((key, out) -> out instanceof DeskOutput.Summary, publish(DeskOutput.Summary.class, DeskOutput.Summary::summary, Topics.SUMMARIES))
                .branch((key, out) -> out instanceof DeskOutput.Unmatched, publish(DeskOutput.Unmatched.class, DeskOutput.Unmatched::unmatched, Topics.UNMATCHED))
                .branch((key, out) -> out instanceof DeskOutput.Raised, publish(DeskOutput.Raised.class, DeskOutput.Raised::alert, Topics.ALERTS))
                .branch((key, out) -> out instanceof DeskOutput.Refused, publish(DeskOutput.Refused.class, DeskOutput.Refused::deadLetter, Topics.DLQ))
                .branch((key, out) -> out instanceof DeskOutput.Viewed, publish(DeskOutput.Viewed.class, DeskOutput.Viewed::view, Topics.VIEWS))
                .branch((key, out) -> out instanceof DeskOutput.Recorded, publish(DeskOutput.Recorded.class, DeskOutput.Recorded::bundle, Topics.REPORTS));
        return builder.build();
    }

    /** Public inputs are read as bytes: the intake parses them, so bad ones become dead letters. */
    private static KStream<String, byte[]> read(StreamsBuilder builder, Topic<String, ?> topic) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), RAW).withName(topic.name()));
    }

    private static <T> KStream<String, DeadLetter> deadLetters(KStream<String, Outcome<T>> outcomes, String input) {
        return outcomes.filter((key, outcome) -> outcome instanceof Outcome.Dead, Named.as(input + "-dead"))
                .mapValues(outcome -> ((Outcome.Dead<T>) outcome).deadLetter(), Named.as(input + "-dead-letter"));
    }

    private static <T> KStream<String, T> valid(KStream<String, Outcome<T>> outcomes, String input) {
        return outcomes.filter((key, outcome) -> outcome instanceof Outcome.Valid, Named.as(input + "-valid"))
                .mapValues(outcome -> ((Outcome.Valid<T>) outcome).value(), Named.as(input + "-value"));
    }

    private static <O extends DeskOutput, V> Branched<String, DeskOutput> publish(Class<O> kind, Function<O, V> value, Topic<String, V> topic) {
        return Branched.withConsumer(outputs -> outputs
                .mapValues(out -> value.apply(kind.cast(out)), Named.as(topic.name() + "-value"))
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withName(topic.name() + "-out")), topic.name());
    }

    private static <V> Produced<String, V> produced(Topic<String, V> topic) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(topic.name() + "-sink");
    }
}
