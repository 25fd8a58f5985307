package org.chamberpulse.topology;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chamberpulse.model.Text;

/** The copies of each text in one meeting (rule 4), found by the text's hashed duplicate key. */
final class TextCopies {

    /** The one comment, for most texts (no list kept), or {@link Copies}. */
    private final Map<Standing.TextKey, Object> byText = new HashMap<>();
    private final MessageDigest sha256;

    TextCopies() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    Copies of(Standing.TextKey text) {
        Object held = byText.get(text);
        if (held == null) {
            return Copies.NONE;
        }
        return held instanceof Standing one ? new Copies(List.of(one)) : (Copies) held;
    }

    void set(Standing.TextKey text, Copies copies) {
        if (copies.isEmpty()) {
            byText.remove(text);
        } else {
            byText.put(text, copies.copies().size() == 1 ? copies.copies().get(0) : copies);
        }
    }

    Standing.TextKey keyOf(String text) {
        byte[] digest = sha256.digest(Text.duplicateKey(text).getBytes(StandardCharsets.UTF_8));
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | (digest[i] & 0xFF);
            low = low << 8 | (digest[i + 8] & 0xFF);
        }
        return new Standing.TextKey(high, low);
    }
}
