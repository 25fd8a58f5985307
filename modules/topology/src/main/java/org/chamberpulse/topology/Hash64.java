package org.chamberpulse.topology;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.chamberpulse.model.Sha256;

/**
 * A string as the first 64 bits of its SHA-256: a key the derived state holds as a primitive, not as a
 * string object. Two of 100,000 different strings share one with a chance of about one in four billion, and
 * no poster can aim at another's (docs/BENCHMARKS.md, footprint). One per meeting state: not thread-safe.
 */
final class Hash64 {

    private final MessageDigest sha256 = Sha256.newDigest();

    long of(String text) {
        byte[] digest = sha256.digest(text.getBytes(StandardCharsets.UTF_8));
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = key << 8 | (digest[i] & 0xFF);
        }
        return key;
    }
}
