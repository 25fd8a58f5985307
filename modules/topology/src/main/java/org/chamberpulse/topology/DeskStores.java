package org.chamberpulse.topology;

import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.chamberpulse.model.UnmatchedSummary;

/**
 * The state stores of a desk, each with its own key type. Comments are stored once: where a meeting's home
 * placed them ({@link #placed}), or where a router holds them itself ({@link #held}). Everything else a desk
 * knows of a meeting (standings, copies, item figures) is derived from them in memory.
 */
record DeskStores(
        KeyValueStore<PairKey, DeskMessage.WindowChanged> windows,
        KeyValueStore<String, HomeRecord> meetings,
        KeyValueStore<PlacedKey, PlacedComment> placed,
        KeyValueStore<HeldKey, HeldComment> held,
        KeyValueStore<PairKey, Long> dirtyItems,
        KeyValueStore<PairKey, Long> versions,
        KeyValueStore<String, UnmatchedSummary> unmatched,
        KeyValueStore<String, Long> dirtyHashtags,
        KeyValueStore<String, Signals> signals,
        KeyValueStore<String, Long> dirtyMeetings) {

    static final String WINDOWS = "desk-windows";
    static final String MEETINGS = "desk-meetings";
    static final String PLACED = "desk-placed";
    static final String HELD = "desk-held";
    static final String DIRTY_ITEMS = "desk-dirty-items";
    static final String VERSIONS = "desk-versions";
    static final String UNMATCHED = "desk-unmatched";
    static final String DIRTY_HASHTAGS = "desk-dirty-hashtags";
    static final String SIGNALS = "desk-signals";
    static final String DIRTY_MEETINGS = "desk-dirty-meetings";
    static final String[] NAMES = {WINDOWS, MEETINGS, PLACED, HELD, DIRTY_ITEMS, VERSIONS, UNMATCHED, DIRTY_HASHTAGS, SIGNALS, DIRTY_MEETINGS};

    static DeskStores of(ProcessorContext<?, ?> context) {
        return new DeskStores(context.getStateStore(WINDOWS), context.getStateStore(MEETINGS), context.getStateStore(PLACED),
                context.getStateStore(HELD), context.getStateStore(DIRTY_ITEMS), context.getStateStore(VERSIONS),
                context.getStateStore(UNMATCHED), context.getStateStore(DIRTY_HASHTAGS), context.getStateStore(SIGNALS),
                context.getStateStore(DIRTY_MEETINGS));
    }

    static Set<StoreBuilder<?>> builders() {
        return Set.of(
                store(WINDOWS, PairKey.SERDE, Binary.of(DeskMessage.WindowChanged.class)),
                store(MEETINGS, Serdes.String(), Binary.of(HomeRecord.class)),
                writtenOnce(PLACED, PlacedKey.SERDE, Binary.of(PlacedComment.class)),
                writtenOnce(HELD, HeldKey.SERDE, Binary.of(HeldComment.class)),
                store(DIRTY_ITEMS, PairKey.SERDE, Serdes.Long()),
                store(VERSIONS, PairKey.SERDE, Serdes.Long()),
                store(UNMATCHED, Serdes.String(), Binary.of(UnmatchedSummary.class)),
                store(DIRTY_HASHTAGS, Serdes.String(), Serdes.Long()),
                store(SIGNALS, Serdes.String(), Binary.of(Signals.class)),
                store(DIRTY_MEETINGS, Serdes.String(), Serdes.Long()));
    }

    /** A store whose keys are written again and again (marks, figures, records of a meeting): a cache in front saves writes. */
    static <K, V> StoreBuilder<KeyValueStore<K, V>> store(String name, Serde<K> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values).withCachingEnabled();
    }

    /**
     * A store of comments, each written once or seldom: a cache in front would save no write, and would hold every
     * comment's bytes until evicted, long enough to be promoted to the old generation and freed only by full
     * collections (it halved the collector's work in a backlog: docs/BENCHMARKS.md, throughput, twelfth session).
     */
    private static <K, V> StoreBuilder<KeyValueStore<K, V>> writtenOnce(String name, Serde<K> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values);
    }
}
