package org.chamberpulse.topology;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.chamberpulse.model.DeadLetter;

/** Builds the dead letter for a bad input record: its reason, where it came from, and its bytes kept exactly. */
final class DeadLetters {

    private DeadLetters() {
    }

    static DeadLetter of(String reason, Optional<RecordMetadata> metadata, long timestamp, byte[] value) {
        String text = null;
        String base64 = null;
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
