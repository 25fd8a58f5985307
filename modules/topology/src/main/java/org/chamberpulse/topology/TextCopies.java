package org.chamberpulse.topology;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.chamberpulse.model.Text;

/**
 * The copies of each text in one meeting (rule 4), found by the text's duplicate key hashed to 64 bits: the
 * first eight bytes of its SHA-256. Two different texts of a meeting share them with a chance of about one in
 * four billion at 100,000 texts; a key object and a map entry a comment less is what the collector gains.
 */
final class TextCopies {

    /** The one comment, for most texts (no list kept), or {@link Copies}. */
    private final Long2ObjectOpenHashMap<Object> byText = new Long2ObjectOpenHashMap<>();
    private final MessageDigest sha256;

    TextCopies() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
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
        byte[] digest = sha256.digest(Text.duplicateKey(text).getBytes(StandardCharsets.UTF_8));
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = key << 8 | (digest[i] & 0xFF);
        }
        return key;
    }
}
