package org.chamberpulse.topology;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The clerk's marks on a meeting's comments, as its record lists them (MeetingRecord): hidden, erased at the
 * author's request, or cleared of the moderation flags (a false positive). A mark names a comment by its source
 * id or by its public id (the one the console shows).
 */
record ModerationMarks(Set<String> hidden, Set<String> erased, Set<String> cleared) {

    static final ModerationMarks NONE = new ModerationMarks(Set.of(), Set.of(), Set.of());
    /** Marks in a meeting's moderation list that erase a comment rather than hide it. */
    static final String ERASED = "erased:";
    /** Marks in a meeting's moderation list that clear a comment's moderation flags (issue 21). */
    static final String CLEARED = "cleared:";

    static ModerationMarks of(List<String> marks) {
        Set<String> hidden = new HashSet<>();
        Set<String> erased = new HashSet<>();
        Set<String> cleared = new HashSet<>();
        for (String mark : marks) {
            if (mark.startsWith(ERASED)) {
                erased.add(mark.substring(ERASED.length()));
            } else if (mark.startsWith(CLEARED)) {
                cleared.add(mark.substring(CLEARED.length()));
            } else {
                hidden.add(mark);
            }
        }
        return new ModerationMarks(Set.copyOf(hidden), Set.copyOf(erased), Set.copyOf(cleared));
    }

    boolean isHidden(String id, UnaryOperator<String> publicId) {
        return names(hidden, id, publicId);
    }

    boolean isErased(String id, UnaryOperator<String> publicId) {
        return names(erased, id, publicId);
    }

    boolean isCleared(String id, UnaryOperator<String> publicId) {
        return names(cleared, id, publicId);
    }

    /** The ids erased here and not {@code before}. */
    Set<String> newlyErased(ModerationMarks before) {
        Set<String> newly = new HashSet<>(erased);
        newly.removeAll(before.erased);
        return newly;
    }

    /** The ids whose hidden or cleared mark differs from {@code before}'s: their comments are counted again. */
    Set<String> remarked(ModerationMarks before) {
        Set<String> remarked = new TreeSet<>(symmetricDifference(before.hidden, hidden));
        remarked.addAll(symmetricDifference(before.cleared, cleared));
        return remarked;
    }

    private static boolean names(Set<String> marked, String id, UnaryOperator<String> publicId) {
        return !marked.isEmpty() && (marked.contains(id) || marked.contains(publicId.apply(id)));
    }

    private static Set<String> symmetricDifference(Set<String> a, Set<String> b) {
        Set<String> differ = new TreeSet<>(a);
        differ.addAll(b);
        differ.removeIf(id -> a.contains(id) && b.contains(id));
        return differ;
    }
}
