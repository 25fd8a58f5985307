package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.chamberpulse.model.DeadLetter;
import org.chamberpulse.model.Topics;
import org.junit.jupiter.api.Test;

class DeadLetterOnProcessingErrorTest {

    @Test
    void shouldResumeWithTheFailedRecordOnTheDeadLetterTopic() {
        // given
        ErrorHandlerContext context = context("pulse-router-repartition");

        // when
        ProcessingExceptionHandler.Response response = new DeadLetterOnProcessingError()
                .handleError(context, new Record<>("bcclive", "value", 0L), new ArithmeticException("long overflow"));

        // then
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(Topics.DLQ.name());
            DeadLetter dead = Topics.DLQ.valueSerde().deserializer().deserialize(record.topic(), record.value());
            assertThat(dead.reason()).isEqualTo("processing failed in router: java.lang.ArithmeticException: long overflow");
            assertThat(dead).extracting(DeadLetter::topic, DeadLetter::partition, DeadLetter::offset, DeadLetter::value)
                    .containsExactly("pulse-router-repartition", 2, 898L, "{\"kind\":\"meeting\"}");
        });
    }

    @Test
    void shouldFailThePunctuationThatHasNoRecordToSetAside() {
        // given a punctuation's context: no source topic
        ErrorHandlerContext context = context(null);

        // when
        ProcessingExceptionHandler.Response response = new DeadLetterOnProcessingError()
                .handleError(context, null, new NullPointerException("a store value"));

        // then
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    private static ErrorHandlerContext context(String sourceTopic) {
        return new ErrorHandlerContext() {
            public String topic() {
                return sourceTopic;
            }

            public int partition() {
                return 2;
            }

            public long offset() {
                return 898;
            }

            public Headers headers() {
                return new RecordHeaders();
            }

            public String processorNodeId() {
                return "router";
            }

            public TaskId taskId() {
                return new TaskId(0, 2);
            }

            public long timestamp() {
                return 1_764_252_000_000L;
            }

            public byte[] sourceRawKey() {
                return "bcclive".getBytes(StandardCharsets.UTF_8);
            }

            public byte[] sourceRawValue() {
                return "{\"kind\":\"meeting\"}".getBytes(StandardCharsets.UTF_8);
            }
        };
    }
}
