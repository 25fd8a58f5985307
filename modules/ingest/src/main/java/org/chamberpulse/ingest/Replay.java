package org.chamberpulse.ingest;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.chamberpulse.model.AgendaEvent;
import org.chamberpulse.model.Comment;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.Pseudonyms;
import org.chamberpulse.model.Topics;
import org.chamberpulse.model.Validation;

/**
 * Replays an archived meeting: its definition first, then the clerk's agenda events and the public's
 * comments in the order of their own times, at {@code speed} times real time (or as fast as possible).
 * Times are kept as they were, so a replay gives the same summaries as the live meeting did.
 */
public final class Replay {

    /** Replays at most this far apart in wall time, however long the archive's silences. */
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final PulseProducer producer;
    private final Pseudonyms pseudonyms;
    private final PrintStream out;
    private final boolean terminal;
    private long lastDrawn;

    /** @param terminal whether {@code out} is a terminal, where a progress bar is drawn in place */
    /** @param pseudonyms authors are pseudonymised here, as every source does: no raw handle in a file reaches Kafka */
    public Replay(PulseProducer producer, Pseudonyms pseudonyms, PrintStream out, boolean terminal) {
        this.pseudonyms = pseudonyms;
        this.producer = producer;
        this.out = out;
        this.terminal = terminal;
    }

    /** One step of a replay: an agenda event or a comment, at its own time. */
    private record Step(Instant at, AgendaEvent agenda, Comment comment) {
    }

    public record Result(int comments, int agendaEvents, int skipped) {
    }

    /**
     * @param speed how many times faster than real time; 0 or less replays as fast as possible
     */
    public Result run(Optional<Meeting> meeting, List<AgendaEvent> agenda, List<ReplayFile.Line<Comment>> comments, double speed)
            throws InterruptedException {
        int skipped = 0;
        List<Step> steps = new ArrayList<>();
        agenda.forEach(event -> steps.add(new Step(event.at(), event, null)));
        for (ReplayFile.Line<Comment> line : comments) {
            Optional<String> problem = line.value() == null ? Optional.of(line.problem())
                    : Validation.commentProblem(line.value(), line.value().receivedAt() != null ? line.value().receivedAt() : line.value().createdAt());
            if (problem.isPresent()) {
                out.printf("line %d skipped: %s%n", line.number(), problem.get());
                skipped++;
            } else {
                steps.add(new Step(line.value().createdAt(), null, line.value()));
            }
        }
        steps.sort(Comparator.comparing(Step::at));

        meeting.ifPresent(m -> await(producer.send(Topics.MEETINGS, m.meetingId(), m)));
        long wallStart = System.nanoTime();
        Instant archiveStart = steps.isEmpty() ? Instant.EPOCH : steps.get(0).at();
        Instant previous = archiveStart;
        long pausedNanos = 0;
        int sentComments = 0;
        int sentAgenda = 0;
        for (Step step : steps) {
            if (speed > 0) {
                // Long silences in the archive are shortened, so a replay never seems stuck.
                long gap = Duration.between(previous, step.at()).toNanos();
                pausedNanos += Math.min(gap, (long) (LONGEST_PAUSE.toNanos() * speed));
                long due = wallStart + (long) (pausedNanos / speed);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    producer.flush();
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                previous = step.at();
            }
            if (step.agenda() != null) {
                producer.send(Topics.AGENDA, step.agenda().meetingId(), step.agenda());
                sentAgenda++;
            } else {
                Comment comment = step.comment();
                if (comment.author() != null && !comment.author().isBlank() && !Pseudonyms.isPseudonym(comment.author())) {
                    comment = comment.withAuthor(pseudonyms.of(comment.source() == null ? "" : comment.source(), comment.author()));
                }
                producer.send(Topics.COMMENTS_RAW, comment.key(), comment);
                sentComments++;
            }
            progress(sentComments + sentAgenda, steps.size(), step.at());
        }
        producer.flush();
        if (terminal && !steps.isEmpty()) {
            out.println();
        }
        return new Result(sentComments, sentAgenda, skipped);
    }

    /** A bar redrawn in place on a terminal (at most five times a second); a line every 500 records otherwise. */
    private void progress(int done, int total, Instant archiveTime) {
        if (terminal) {
            long now = System.nanoTime();
            if (done == total || now - lastDrawn > 200_000_000L) {
                lastDrawn = now;
                int width = 30;
                int filled = total == 0 ? width : (int) ((long) done * width / total);
                out.printf("\r[%s%s] %3d%% %d/%d  archive time %s", "=".repeat(filled), " ".repeat(width - filled),
                        total == 0 ? 100 : done * 100 / total, done, total, archiveTime);
                out.flush();
            }
        } else if (done % 500 == 0 || done == total) {
            out.printf("replayed %d of %d records (archive time %s)%n", done, total, archiveTime);
        }
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish the meeting: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
