package org.chamberpulse.topology;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.chamberpulse.model.DeadLetter;

/**
 * Builds the dead letter for a bad input record: its reason, where it came from, and its bytes kept
 * exactly, up to {@link #MAX_KEPT_BYTES}: a larger value (as text and base64 it would grow past what the
 * broker accepts, and the stream thread would fail on it) is cut, and the reason says so; the whole record
 * stays on its input topic at the partition and offset given.
 */
final class DeadLetters {

    static final int MAX_KEPT_BYTES = 100_000;

    private DeadLetters() {
    }

    static DeadLetter of(String reason, Optional<RecordMetadata> metadata, long timestamp, byte[] value) {
        String text = null;
        String base64 = null;
        if (value != null && value.length > MAX_KEPT_BYTES) {
            reason = reason + String.format(" (the value is %,d bytes: the first %,d are kept here)", value.length, MAX_KEPT_BYTES);
            int cut = MAX_KEPT_BYTES;
            // Cut before a character, not inside one, so that UTF-8 text stays UTF-8.
            while (cut > MAX_KEPT_BYTES - 4 && (value[cut] & 0xC0) == 0x80) {
                cut--;
            }
            value = Arrays.copyOf(value, cut);
        }
        if (value != null) {
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(value))
                        .toString();
            } catch (CharacterCodingException e) {
                text = new String(value, StandardCharsets.UTF_8);
                base64 = Base64.getEncoder().encodeToString(value);
                reason = reason + " (the value is not valid UTF-8; valueBase64 holds its bytes)";
            }
        }
        return new DeadLetter(
                reason,
                metadata.map(RecordMetadata::topic).orElse(null),
                metadata.map(RecordMetadata::partition).orElse(-1),
                metadata.map(RecordMetadata::offset).orElse(-1L),
                Instant.ofEpochMilli(timestamp),
                text,
                base64);
    }
}
