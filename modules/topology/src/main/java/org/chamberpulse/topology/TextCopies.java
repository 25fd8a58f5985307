package org.chamberpulse.topology;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.List;

/**
 * The copies of each text in one meeting (rule 4), found by the text's duplicate key hashed to 64 bits
 * ({@link Hash64}): a key object and a map entry a comment less is what the collector gains.
 */
final class TextCopies {

    /** The one comment, for most texts (no list kept), or {@link Copies}. */
    private final Long2ObjectOpenHashMap<Object> byText = new Long2ObjectOpenHashMap<>();
    private final Hash64 hash;

    TextCopies(Hash64 hash) {
        this.hash = hash;
    }

    Copies of(long text) {
        Object held = byText.get(text);
        if (held == null) {
            return Copies.NONE;
        }
        return held instanceof Standing one ? new Copies(List.of(one)) : (Copies) held;
    }

    void set(long text, Copies copies) {
        if (copies.isEmpty()) {
            byText.remove(text);
        } else {
            byText.put(text, copies.copies().size() == 1 ? copies.copies().get(0) : copies);
        }
    }

    long keyOf(String text) {
        return hash.ofDuplicateKey(text);
    }
}
