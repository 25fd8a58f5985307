package org.chamberpulse.topology;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chamberpulse.model.Pseudonyms;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The desks of one topology: one {@link Desk} per task, shared by the task's two desk nodes (the desk topic's
 * and the handoff topic's), made when the first of them starts and dropped when both have closed (a task
 * that moves to another instance, or is started again after a failure, starts from its stores).
 */
final class Desks {

    private final Duration emitInterval;
    private final Duration retention;
    private final Duration reportGrace;
    private final CommentBudget budget;
    private final Map<TaskId, Shared> byTask = new ConcurrentHashMap<>();

    private static final class Shared {
        final Desk desk;
        int nodes;

        Shared(Desk desk) {
            this.desk = desk;
        }
    }

    private final Pseudonyms ids;

    Desks(Duration emitInterval, Duration retention, Duration reportGrace, long commentsInMemory, Pseudonyms ids) {
        this.ids = ids;
        this.emitInterval = emitInterval;
        this.retention = retention;
        this.reportGrace = reportGrace;
        this.budget = new CommentBudget(commentsInMemory);
    }

    ProcessorSupplier<String, DeskMessage, String, DeskOutput> node() {
        return Node::new;
    }

    private final class Node implements Processor<String, DeskMessage, String, DeskOutput> {

        private ProcessorContext<String, DeskOutput> context;
        private Desk desk;

        @Override
        public void init(ProcessorContext<String, DeskOutput> nodeContext) {
            context = nodeContext;
            Shared shared = byTask.compute(nodeContext.taskId(), (task, existing) ->
                    existing != null ? existing : new Shared(new Desk(nodeContext, emitInterval, retention, reportGrace, budget, ids)));
            shared.nodes++;
            desk = shared.desk;
        }

        @Override
        public void process(Record<String, DeskMessage> record) {
            desk.process(context, record);
        }

        @Override
        public void close() {
            byTask.computeIfPresent(context.taskId(), (task, shared) -> {
                if (--shared.nodes > 0) {
                    return shared;
                }
                shared.desk.close();
                return null;
            });
        }
    }
}
