package org.chamberpulse.topology;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.IntConsumer;
import org.chamberpulse.model.Sha256;
import org.chamberpulse.model.Text;

/**
 * A string as the first 64 bits of its SHA-256: a key the derived state holds as a primitive, not as a
 * string object. Two of 100,000 different strings share one with a chance of about one in four billion, and
 * no poster can aim at another's (docs/BENCHMARKS.md, footprint). One per meeting state: not thread-safe.
 */
final class Hash64 {

    private final MessageDigest sha256 = Sha256.newDigest();
    /**
     * The UTF-8 of a text's duplicate key as it is made, reused from comment to comment: it grows to the longest
     * key met, at most four bytes a character of Comment.MAX_TEXT_LENGTH (20 KB) for a meeting's state.
     */
    private byte[] utf8 = new byte[256];
    private int length;
    private final IntConsumer appendUtf8 = this::appendUtf8;

    long of(String text) {
        return first64(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The same as {@code of(Text.duplicateKey(text))}, without making the key a string: this runs for every comment. */
    long ofDuplicateKey(String text) {
        length = 0;
        Text.duplicateKey(text, appendUtf8);
        sha256.update(utf8, 0, length);
        return first64(sha256.digest());
    }

    private static long first64(byte[] digest) {
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = key << 8 | (digest[i] & 0xFF);
        }
        return key;
    }

    /** As String.getBytes(UTF_8) encodes it: a lone surrogate as '?'. */
    private void appendUtf8(int codePoint) {
        if (length + 4 > utf8.length) {
            utf8 = Arrays.copyOf(utf8, utf8.length * 2);
        }
        if (codePoint < 0x80) {
            utf8[length++] = (byte) codePoint;
        } else if (codePoint < 0x800) {
            utf8[length++] = (byte) (0xC0 | codePoint >> 6);
            utf8[length++] = (byte) (0x80 | codePoint & 0x3F);
        } else if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
            utf8[length++] = '?';
        } else if (codePoint < 0x10000) {
            utf8[length++] = (byte) (0xE0 | codePoint >> 12);
            utf8[length++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            utf8[length++] = (byte) (0x80 | codePoint & 0x3F);
        } else {
            utf8[length++] = (byte) (0xF0 | codePoint >> 18);
            utf8[length++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
            utf8[length++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            utf8[length++] = (byte) (0x80 | codePoint & 0x3F);
        }
    }
}
