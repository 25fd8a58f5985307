package org.chamberpulse.dashboard;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.chamberpulse.model.DeadLetter;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.Meeting;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.model.UnmatchedSummary;

/**
 * What the dashboard knows, as {@code pulse.views} and {@code pulse.unmatched} tell it: the topology's view of
 * every meeting (its definition, agenda, running item, item summaries, alerts), and the unmatched figures.
 * Memory is bounded by configuration, not by the meetings ever held: a small entry of every meeting for the
 * list, the whole views of the {@code cached} most recently used meetings on the heap, the rest on disk.
 * Listeners hear each change as an event name and value.
 */
public final class LiveState {

    public static final String VIEW = "view";
    /** An item's summary changed (told with each view that carries a newer one). */
    public static final String SUMMARY = "summary";
    public static final String UNMATCHED = "unmatched";
    /** The meetings one page of the list shows. */
    public static final int PAGE_SIZE = 20;

    /** What the list shows of a meeting, kept for every meeting. */
    public record Entry(String meetingId, String title, String body, Instant scheduledStart, String runningItem, long count, long version) {

        static final Comparator<Entry> NEWEST_FIRST = Comparator.comparing(Entry::scheduledStart).reversed().thenComparing(Entry::meetingId);

        static Entry of(MeetingView view) {
            Meeting meeting = view.meeting();
            return new Entry(view.meetingId(), meeting.title(), meeting.body(), meeting.scheduledStart(), view.runningItem(), view.count(), view.version());
        }
    }

    /** Hears every change: its event name, the meeting it belongs to ("" for all) and the new value. */
    @FunctionalInterface
    public interface Listener {
        void changed(String event, String meetingId, Object value);
    }

    public record Page(int page, int pages, long total, List<MeetingView> meetings) {
    }

    public record Snapshot(List<MeetingView> meetings, List<UnmatchedSummary> unmatched, int page, int pages) {
    }

    private final int cached;
    private final ViewFiles files;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final NavigableSet<Entry> newestFirst = new ConcurrentSkipListSet<>(Entry.NEWEST_FIRST);
    /** The whole views of the meetings used most recently, least recent first. */
    private final Map<String, MeetingView> recent = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, UnmatchedSummary> unmatched = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> deadLetters = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Notified whenever a meeting changes, for {@link #awaitMeeting}. */
    private final Object meetingChanged = new Object();

    /** Every view in memory: for tests and tools with few meetings. */
    public LiveState() {
        this(Integer.MAX_VALUE, null);
    }

    /**
     * @param cached how many meetings' whole views to keep on the heap
     * @param spill  where the others wait (emptied now); null keeps them all in memory
     */
    public LiveState(int cached, Path spill) {
        this.cached = cached;
        this.files = spill == null ? null : new ViewFiles(spill);
    }

    public void onChange(Listener listener) {
        listeners.add(listener);
    }

    /** The topology's newest view of a meeting, or null: the meeting was deleted. */
    public void view(String meetingId, MeetingView view) {
        MeetingView before;
        synchronized (recent) {
            before = lookUp(meetingId).orElse(null);
            if (view != null && before != null && before.version() > view.version()) {
                return;
            }
            Entry entry = entries.remove(meetingId);
            if (entry != null) {
                newestFirst.remove(entry);
            }
            if (view == null || view.meeting() == null) {
                recent.remove(meetingId);
                if (files != null) {
                    files.delete(meetingId);
                }
            } else {
                Entry added = Entry.of(view);
                entries.put(meetingId, added);
                newestFirst.add(added);
                keep(view);
            }
        }
        synchronized (meetingChanged) {
            meetingChanged.notifyAll();
        }
        if (view != null) {
            for (ItemSummary item : view.items()) {
                ItemSummary old = before == null ? null : before.items().stream().filter(i -> i.itemId().equals(item.itemId())).findFirst().orElse(null);
                if (old == null || old.version() < item.version()) {
                    notify(SUMMARY, meetingId, item);
                }
            }
        }
        notify(VIEW, meetingId, view != null ? view : new MeetingView(meetingId, null, null, null, null, null, null, null, null, null, null, 0));
    }

    private void keep(MeetingView view) {
        recent.put(view.meetingId(), view);
        if (files != null && recent.size() > cached) {
            var eldest = recent.entrySet().iterator().next();
            files.write(eldest.getValue());
            recent.remove(eldest.getKey());
        }
    }

    /** The whole view of a meeting, from memory or from disk (then kept in memory as the most recent). */
    private Optional<MeetingView> lookUp(String meetingId) {
        MeetingView view = recent.get(meetingId);
        if (view != null || files == null || !entries.containsKey(meetingId)) {
            return Optional.ofNullable(view);
        }
        Optional<MeetingView> stored = files.read(meetingId);
        stored.ifPresent(this::keep);
        return stored;
    }

    /**
     * Waits until this state holds the meeting as given, so that whoever just published it can act on it
     * (start its first item, open its console) at once.
     *
     * @return whether it arrived in time
     */
    public boolean awaitMeeting(Meeting expected, Duration timeout) throws InterruptedException {
        return awaitView(expected.meetingId(), view -> expected.equals(view.meeting()), timeout);
    }

    /** Waits until the meeting's view satisfies {@code condition}, such as holding an agenda event just published. */
    public boolean awaitView(String meetingId, Predicate<MeetingView> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (meetingChanged) {
            while (!meeting(meetingId).map(condition::test).orElse(false)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(meetingChanged, left);
            }
            return true;
        }
    }

    public void unmatched(UnmatchedSummary summary) {
        unmatched.put(summary.hashtag(), summary);
        notify(UNMATCHED, "", summary);
    }

    /** Counts a record the topology sent to the dead-letter topic, by the topic it came from. Not shown on the page. */
    public void deadLetter(DeadLetter letter) {
        deadLetters.computeIfAbsent(letter.topic() == null ? "" : letter.topic(), topic -> new LongAdder()).increment();
    }

    public long deadLetters(String inputTopic) {
        LongAdder count = deadLetters.get(inputTopic);
        return count == null ? 0 : count.sum();
    }

    /** Comments outside every meeting, over all hashtags. */
    public long unmatchedComments() {
        return unmatched.values().stream().mapToLong(UnmatchedSummary::count).sum();
    }

    /** How many meetings there are, and how many whole views are held in memory (at most the bound). */
    public int meetingCount() {
        return entries.size();
    }

    public int viewsInMemory() {
        synchronized (recent) {
            return recent.size();
        }
    }

    /** One page of the meetings, newest first (pages count from 1). */
    public Page meetings(int page, int size) {
        List<Entry> all = new ArrayList<>(newestFirst);
        int pages = Math.max(1, (all.size() + size - 1) / size);
        int from = Math.min(all.size(), (Math.max(1, page) - 1) * size);
        List<MeetingView> views = new ArrayList<>();
        for (Entry entry : all.subList(from, Math.min(all.size(), from + size))) {
            meeting(entry.meetingId()).ifPresent(views::add);
        }
        return new Page(Math.max(1, page), pages, all.size(), views);
    }

    public Optional<MeetingView> meeting(String meetingId) {
        synchronized (recent) {
            return lookUp(meetingId);
        }
    }

    /** The list's page for its live stream, with every unmatched figure. */
    public Snapshot snapshot(int page) {
        Page shown = meetings(page, PAGE_SIZE);
        return new Snapshot(shown.meetings(), List.copyOf(unmatched.values()), shown.page(), shown.pages());
    }

    /** The snapshot of one meeting only, for its chair's page and its console. */
    public Snapshot snapshot(String meetingId) {
        Optional<MeetingView> view = meeting(meetingId);
        List<UnmatchedSummary> ownTags = view.map(v -> unmatched.values().stream()
                .filter(u -> v.meeting().hashtags().contains(u.hashtag())).toList()).orElse(List.of());
        return new Snapshot(view.map(List::of).orElse(List.of()), ownTags, 1, 1);
    }

    private void notify(String event, String meetingId, Object value) {
        listeners.forEach(listener -> listener.changed(event, meetingId, value));
    }
}
