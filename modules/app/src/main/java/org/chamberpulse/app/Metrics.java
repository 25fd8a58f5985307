package org.chamberpulse.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.chamberpulse.dashboard.LiveState;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Topic;
import org.chamberpulse.model.Topics;

/**
 * The Prometheus registry served at /metrics: the JVM, the Kafka Streams client's own metrics (records
 * processed, commit rates, consumer records-lag), the ingest producer's, and ours ({@code chamberpulse_*}).
 */
final class Metrics {

    private Metrics() {
    }

    static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(PROMETHEUS_CONVENTIONS);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return registry;
    }

    static void bindStreams(MeterRegistry registry, KafkaStreams streams) {
        new KafkaStreamsMetrics(streams).bindTo(registry);
    }

    private static final Map<String, String> UNITS = Map.of("ns", "nanoseconds", "us", "microseconds", "ms", "milliseconds");

    /**
     * Metrics of Kafka's clients and of the JVM renamed to Prometheus's conventions, so that
     * {@code promtool check metrics} passes without changing a value: an abbreviated unit leaves the name
     * for the help text ("io.time.ns.avg" becomes "io.time.avg", help "... (nanoseconds)"), a gauge does not
     * end in "count" ("connection.count" becomes "connections"), and every metric has a help text.
     */
    static final MeterFilter PROMETHEUS_CONVENTIONS = new MeterFilter() {
        @Override
        public Meter.Id map(Meter.Id id) {
            if (id.getName().startsWith("chamberpulse.")) {
                return id;
            }
            String unit = null;
            StringBuilder name = new StringBuilder();
            for (String part : id.getName().split("\\.")) {
                if (UNITS.containsKey(part)) {
                    unit = UNITS.get(part);
                } else {
                    name.append(name.length() == 0 ? "" : ".").append(part);
                }
            }
            String baseUnit = id.getBaseUnit();
            if (baseUnit != null && UNITS.containsKey(baseUnit)) {
                unit = UNITS.get(baseUnit);
                baseUnit = null;
            }
            String renamed = name.toString();
            if (renamed.endsWith(".count") && id.getType() != Meter.Type.DISTRIBUTION_SUMMARY && id.getType() != Meter.Type.TIMER) {
                String counted = renamed.substring(0, renamed.length() - ".count".length());
                renamed = counted.endsWith("s") ? counted : counted + "s";
            }
            String description = id.getDescription() == null || id.getDescription().isBlank() ? id.getName() : id.getDescription();
            if (unit != null) {
                description = description + " (" + unit + ")";
            }
            return new Meter.Id(renamed, Tags.of(id.getTagsAsIterable()), baseUnit, description, id.getType());
        }
    };

    static void gauge(MeterRegistry registry, String name, String description, IntSupplier value) {
        Gauge.builder(name, value::getAsInt).description(description).register(registry);
    }

    static void counter(MeterRegistry registry, String name, String description, LongSupplier total) {
        FunctionCounter.builder(name, total, t -> t.getAsLong()).description(description).register(registry);
    }

    /** Summaries whose newest comment was received longer ago are replays of old posts: they measure nothing. */
    static final Duration LATENCY_OBSERVED_UP_TO = Duration.ofMinutes(10);

    /**
     * What the dashboard's feed sees: {@code chamberpulse.post.latency} (a post's receivedAt to its item's
     * summary reaching the dashboard, once the feed has caught up), dead letters by input topic, and
     * comments outside every meeting.
     */
    static void bindFeed(MeterRegistry registry, LiveState state, BooleanSupplier caughtUp, Clock clock) {
        Timer latency = Timer.builder("chamberpulse.post.latency")
                .description("From a post's receivedAt to its item's summary reaching the dashboard")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        state.onChange((event, meetingId, value) -> {
            if (LiveState.SUMMARY.equals(event) && value instanceof ItemSummary summary && summary.lastReceivedAt() != null && caughtUp.getAsBoolean()) {
                Duration took = Duration.between(summary.lastReceivedAt(), clock.instant());
                if (!took.isNegative() && took.compareTo(LATENCY_OBSERVED_UP_TO) <= 0) {
                    latency.record(took);
                }
            }
        });
        for (Topic<String, ?> input : List.of(Topics.MEETINGS, Topics.AGENDA, Topics.COMMENTS_RAW, Topics.MODERATION)) {
            FunctionCounter.builder("chamberpulse.dlq.records", state, s -> s.deadLetters(input.name())).tag("topic", input.name())
                    .description("Records the topology sent to pulse.dlq, by the topic they came from").register(registry);
        }
        Gauge.builder("chamberpulse.unmatched.comments", state, LiveState::unmatchedComments)
                .description("Comments outside every meeting's window, over all hashtags").register(registry);
    }
}
