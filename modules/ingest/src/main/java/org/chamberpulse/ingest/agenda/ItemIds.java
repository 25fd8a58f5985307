package org.chamberpulse.ingest.agenda;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.chamberpulse.model.AgendaItem;
import org.chamberpulse.model.Text;
import org.chamberpulse.model.Validation;
import org.chamberpulse.timeline.Buckets;

/**
 * Item ids for imported agendas. An id the source gives is kept. Otherwise it is the number people see,
 * in the form an {@code #item<number>} hashtag carries ("4." and "4(a)" become "4" and "4a"), so clerks and
 * the public use the same name; where that is empty, not a valid id, reserved, repeated or taken, the
 * fallback (the committee system's own id) keeps it unique.
 */
final class ItemIds {

    private ItemIds() {
    }

    /** @param draft the item as the source describes it; its {@code itemId} is null unless the source gives one */
    static <T> List<AgendaItem> assign(List<T> items, Function<T, AgendaItem> draft, Function<T, String> fallback) {
        List<AgendaItem> drafts = items.stream().map(draft).toList();
        Set<String> used = new HashSet<>();
        drafts.stream().map(AgendaItem::itemId).filter(ItemIds::given).forEach(used::add);
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        drafts.stream().filter(d -> !given(d.itemId())).map(d -> fromNumber(d.number()))
                .filter(id -> !id.isEmpty()).forEach(id -> {
                    if (!seen.add(id)) {
                        repeated.add(id);
                    }
                });
        return IntStream.range(0, drafts.size()).mapToObj(i -> {
            AgendaItem d = drafts.get(i);
            if (given(d.itemId())) {
                return d;
            }
            String id = fromNumber(d.number());
            if (id.isEmpty() || Validation.identifierProblem("itemId", id).isPresent() || repeated.contains(id)
                    || Buckets.isBucket(id) || used.contains(id)) {
                String base = fallback.apply(items.get(i));
                id = base;
                for (int n = 2; used.contains(id); n++) {
                    id = base + "-" + n;
                }
            }
            used.add(id);
            return new AgendaItem(id, d.number(), d.title(), d.restricted(), d.externalId(), d.minutesNumber());
        }).toList();
    }

    private static boolean given(String itemId) {
        return itemId != null && !itemId.isBlank();
    }

    private static String fromNumber(String number) {
        return number == null ? "" : Text.alphanumericLowerCase(number);
    }
}
