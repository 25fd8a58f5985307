package org.chamberpulse.model;

/**
 * One item of a meeting's agenda. {@code number} is what people see ("4", "4a", "12."), and what an
 * {@code #item<number>} hashtag names; {@code externalId} and {@code minutesNumber} tie the item to the
 * council's committee system.
 */
public record AgendaItem(
        String itemId,
        String number,
        String title,
        boolean restricted,
        String externalId,
        String minutesNumber) {

    /** The form of {@link #number} that an {@code #item<number>} hashtag carries: "4." and "4(a)" become "4" and "4a". */
    public String tagNumber() {
        return number == null ? "" : Text.alphanumericLowerCase(number);
    }
}
