package org.chamberpulse.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.chamberpulse.config.PulseConfig;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.DeadLetter;
import org.chamberpulse.model.JsonSerde;
import org.chamberpulse.model.Sentiment;
import org.chamberpulse.model.Topic;
import org.chamberpulse.model.Topics;
import org.chamberpulse.timeline.MeetingTimeline;
import org.chamberpulse.timeline.MeetingWindow;

/**
 * The ChamberPulse topology, a pure function of its configuration.
 *
 * <pre>
 * pulse.meetings, pulse.agenda ─ intake ─> [control, by meetingId] ─ timeline ─┬─> [router, by hashtag]
 * pulse.moderation ─ intake ──────────────────────────────────────> [attribution, by meetingId]
 * pulse.comments.raw ─ intake (validate, score) ───────────────────────────────┴─> [router, by hashtag] ─ router ─┐
 *                                            timeline ─> [attribution, by meetingId] <────────────────────────────┘
 *                          [attribution] ─ attributor ─> pulse.summaries, pulse.comments.scored, pulse.alerts
 *                          router ─> pulse.unmatched;   every intake ─> pulse.dlq
 * </pre>
 *
 * Every input is re-keyed and repartitioned here: producers use different partitioners, so no two
 * inputs are assumed to be co-partitioned.
 */
public final class PulseTopology {

    private static final Serde<String> KEYS = Serdes.String();
    private static final Serde<byte[]> RAW = Serdes.ByteArray();
    private static final Serde<ControlEvent> CONTROL = JsonSerde.of(ControlEvent.class);
    private static final Serde<RouterInput> ROUTER_INPUT = JsonSerde.of(RouterInput.class);
    private static final Serde<AttributionInput> ATTRIBUTION_INPUT = JsonSerde.of(AttributionInput.class);

    private PulseTopology() {
    }

    public static Topology build(PulseConfig config) {
        return build(config, new CommentScorer());
    }

    static Topology build(PulseConfig config, Function<Comment, Sentiment> scorer) {
        StreamsBuilder builder = new StreamsBuilder();
        int partitions = config.partitions();

        KStream<String, Outcome<ControlEvent>> meetings = read(builder, Topics.MEETINGS)
                .process(() -> ControlIntake.meetings(), Named.as("meetings-intake"));
        KStream<String, Outcome<ControlEvent>> agenda = read(builder, Topics.AGENDA)
                .process(() -> ControlIntake.agenda(), Named.as("agenda-intake"));
        KStream<String, Outcome<RouterInput>> comments = read(builder, Topics.COMMENTS_RAW)
                .process(() -> new CommentIntake(scorer), Named.as("comments-intake"));
        KStream<String, Outcome<AttributionInput>> moderation = read(builder, Topics.MODERATION)
                .process(() -> ControlIntake.moderation(), Named.as("moderation-intake"));
        deadLetters(meetings, "meetings").merge(deadLetters(agenda, "agenda")).merge(deadLetters(comments, "comments"))
                .merge(deadLetters(moderation, "moderation"))
                .to(Topics.DLQ.name(), produced(Topics.DLQ));

        KStream<String, TimelineChange> timelineChanges = valid(meetings, "meetings").merge(valid(agenda, "agenda"))
                .repartition(Repartitioned.with(KEYS, CONTROL).withName("control").withNumberOfPartitions(partitions))
                .process(timelineProcessor(), Named.as("timeline"));

        KStream<String, RouterInput> windows = timelineChanges.flatMap((meetingId, change) -> routerInputs(change), Named.as("windows"));
        KStream<String, RouterOutput> routed = valid(comments, "comments").merge(windows)
                .repartition(Repartitioned.with(KEYS, ROUTER_INPUT).withName("router").withNumberOfPartitions(partitions))
                .process(router(config), Named.as("router"));
        routed.filter((hashtag, out) -> out.unmatched() != null, Named.as("unmatched"))
                .mapValues(RouterOutput::unmatched, Named.as("unmatched-value"))
                .to(Topics.UNMATCHED.name(), produced(Topics.UNMATCHED));

        KStream<String, AttributionOutput> attributed = timelineChanges
                .mapValues(change -> AttributionInput.timeline(change.timeline()), Named.as("timelines"))
                .merge(routed.filter((meetingId, out) -> out.toMeeting() != null, Named.as("placements"))
                        .mapValues(RouterOutput::toMeeting, Named.as("placement-value")))
                .merge(valid(moderation, "moderation"))
                .repartition(Repartitioned.with(KEYS, ATTRIBUTION_INPUT).withName("attribution").withNumberOfPartitions(partitions))
                .process(attributor(config), Named.as("attributor"));
        attributed.filter((key, out) -> out.summary() != null, Named.as("summaries"))
                .mapValues(AttributionOutput::summary, Named.as("summary-value"))
                .to(Topics.SUMMARIES.name(), produced(Topics.SUMMARIES));
        attributed.filter((key, out) -> out.alert() != null, Named.as("alerts"))
                .mapValues(AttributionOutput::alert, Named.as("alert-value"))
                .to(Topics.ALERTS.name(), produced(Topics.ALERTS));
        attributed.filter((key, out) -> out.scored() != null, Named.as("scored"))
                .mapValues(AttributionOutput::scored, Named.as("scored-value"))
                .to(Topics.COMMENTS_SCORED.name(), produced(Topics.COMMENTS_SCORED));

        return builder.build();
    }

    /** Public inputs are read as bytes: the intake parses them, so bad ones become dead letters. */
    private static KStream<String, byte[]> read(StreamsBuilder builder, Topic<String, ?> topic) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), RAW).withName(topic.name()));
    }

    private static <T> KStream<String, DeadLetter> deadLetters(KStream<String, Outcome<T>> outcomes, String input) {
        return outcomes.filter((key, outcome) -> outcome.isDead(), Named.as(input + "-dead"))
                .mapValues(Outcome::deadLetter, Named.as(input + "-dead-letter"));
    }

    private static <T> KStream<String, T> valid(KStream<String, Outcome<T>> outcomes, String input) {
        return outcomes.filter((key, outcome) -> !outcome.isDead(), Named.as(input + "-valid"))
                .mapValues(Outcome::value, Named.as(input + "-value"));
    }

    private static <V> Produced<String, V> produced(Topic<String, V> topic) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(topic.name() + "-sink");
    }

    /** What the routers of a meeting's hashtags must hear after its timeline changed. */
    static List<KeyValue<String, RouterInput>> routerInputs(TimelineChange change) {
        List<KeyValue<String, RouterInput>> inputs = new ArrayList<>();
        change.droppedHashtags().forEach(tag -> inputs.add(KeyValue.pair(tag, RouterInput.withdrawn(change.timeline().meetingId()))));
        if (change.windowChanged()) {
            change.timeline().window().ifPresent(window ->
                    window.hashtags().forEach(tag -> inputs.add(KeyValue.pair(tag, RouterInput.window(window)))));
        }
        return inputs;
    }

    private static ProcessorSupplier<String, ControlEvent, String, TimelineChange> timelineProcessor() {
        String store = "timelines";
        return new ProcessorSupplier<>() {
            @Override
            public TimelineProcessor get() {
                return new TimelineProcessor(store);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store(store, JsonSerde.of(MeetingTimeline.class)));
            }
        };
    }

    private static ProcessorSupplier<String, RouterInput, String, RouterOutput> router(PulseConfig config) {
        return new ProcessorSupplier<>() {
            @Override
            public Router get() {
                return new Router(config.emitInterval(), config.stateRetention());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                        store(Router.WINDOWS, JsonSerde.of(MeetingWindow.class)),
                        store(Router.COMMENTS, JsonSerde.of(RoutedComment.class)),
                        store(Router.IDS, Serdes.Long()),
                        store(Router.UNMATCHED, JsonSerde.of(UnmatchedCount.class)),
                        store(Router.DIRTY, Serdes.Boolean()));
            }
        };
    }

    private static ProcessorSupplier<String, AttributionInput, String, AttributionOutput> attributor(PulseConfig config) {
        return new ProcessorSupplier<>() {
            @Override
            public Attributor get() {
                return new Attributor(config.emitInterval(), config.stateRetention());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                        store(Attributor.TIMELINES, JsonSerde.of(MeetingTimeline.class)),
                        store(Attributor.COMMENTS, JsonSerde.of(AttributedComment.class)),
                        store(Attributor.IDS, Serdes.Long()),
                        store(Attributor.COPIES, JsonSerde.of(Copies.class)),
                        store(Attributor.ITEMS, JsonSerde.of(ItemAggregate.class)),
                        store(Attributor.AUTHORS, Serdes.Long()),
                        store(Attributor.MINUTES, Serdes.Long()),
                        store(Attributor.WORDS, Serdes.Long()),
                        store(Attributor.INDEX, Serdes.Long()),
                        store(Attributor.DIRTY, Serdes.Long()),
                        store(Attributor.VOLUME, Serdes.Long()),
                        store(Attributor.BASELINES, JsonSerde.of(Baseline.class)),
                        store(Attributor.MOODS, JsonSerde.of(Mood.class)),
                        store(Attributor.ALERTED, Serdes.Long()),
                        store(Attributor.HIDDEN, Serdes.Boolean()));
            }
        };
    }

    private static <V> StoreBuilder<?> store(String name, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), KEYS, valueSerde).withCachingEnabled();
    }
}
