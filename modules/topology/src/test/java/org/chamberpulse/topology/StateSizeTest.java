package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chamberpulse.model.AgendaEventType.ADJOURNED;
import static org.chamberpulse.model.AgendaEventType.ITEM_STARTED;
import static org.chamberpulse.model.AgendaEventType.OPENED;
import static org.chamberpulse.topology.Fixtures.START;
import static org.chamberpulse.topology.Fixtures.at;
import static org.chamberpulse.topology.Fixtures.comment;
import static org.chamberpulse.topology.Fixtures.council;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The state a meeting keeps, measured on 10,000 comments (figures printed for docs/ATTRIBUTION.md), kept
 * whatever the event times of later posts, and dropped once the meeting has been quiet for the retention
 * on the wall clock.
 */
class StateSizeTest {

    private static final List<String> STORES = List.of(MeetingControl.STORE, DeskStores.WINDOWS, DeskStores.MEETINGS, DeskStores.PLACED,
            DeskStores.HELD, DeskStores.DIRTY_ITEMS, DeskStores.VERSIONS, DeskStores.UNMATCHED, DeskStores.DIRTY_HASHTAGS, DeskStores.SIGNALS);
    private static final String[] WORDS = {"bus", "lanes", "budget", "council", "tax", "library", "housing", "repairs", "vote",
        "great", "terrible", "answer", "question", "park", "bins", "potholes", "clean", "air", "zone", "youth"};

    @Test
    void shouldKeepBoundedStateAndDropItAfterTheRetention() {
        try (PulseDriver driver = new PulseDriver()) {
            // given: 10,000 comments over two and a half hours of a meeting
            driver.publish(council("m1", START, 30));
            driver.agenda("m1", OPENED, null, at(0));
            driver.agenda("m1", ITEM_STARTED, "1", at(1));
            driver.agenda("m1", ITEM_STARTED, "2", at(40));
            driver.agenda("m1", ITEM_STARTED, "3", at(120));
            driver.agenda("m1", ADJOURNED, null, at(150));
            Random random = new Random(7);
            for (int k = 0; k < 10_000; k++) {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 12; w++) {
                    text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                }
                driver.comment(comment("web:" + k, "author" + random.nextInt(2_000), text.append("#bcclive").toString(),
                        at(0, random.nextInt(150 * 60))));
            }
            driver.emit();

            // when measured
            long entries = 0;
            long bytes = 0;
            for (String store : STORES) {
                long[] size = driver.storeSize(store);
                entries += size[0];
                bytes += size[1];
                System.out.printf("%-18s %8d entries %10d bytes%n", store, size[0], size[1]);
            }
            System.out.printf("%-18s %8d entries %10d bytes (%.1f KB a comment)%n", "total", entries, bytes, bytes / 10_000.0 / 1024);
            assertThat(bytes).isLessThan(20L * 1024 * 1024);

            // then: a comment on the next meeting, four days later by event time, frees nothing: only the wall clock does
            driver.publish(council("m2", START.plus(Duration.ofDays(4)), 30));
            driver.comment(comment("web:late", "someone", "Days later #bcclive", START.plus(Duration.ofDays(4))));
            driver.emit();
            assertThat(driver.storeSize(DeskStores.PLACED)[0]).isEqualTo(10_001);

            // when two days and more pass on the wall clock without a word for the meeting
            driver.advanceWallClock(PulseDriver.CONFIG.stateRetention().plus(Desk.RETENTION_CHECK));

            // then its comments go (the next meeting has not opened: its one comment stays), its window, record and figures stay
            assertThat(driver.storeSize(DeskStores.PLACED)[0]).isEqualTo(1);
            assertThat(driver.storeSize(DeskStores.WINDOWS)[0]).isEqualTo(2);
            assertThat(driver.storeSize(DeskStores.MEETINGS)[0]).isEqualTo(2);
            assertThat(driver.summary("m1", "2").count()).isPositive();
        }
    }

    @Test
    void shouldKeepAMeetingReplayedLongAfterItWasHeldWhenRecordsCarryTheTimeTheyWereSent() {
        try (PulseDriver driver = new PulseDriver()) {
            // given: an archive replayed a month later, each record stamped when sent, a minute apart
            driver.sendingFrom(START.plus(Duration.ofDays(30)), Duration.ofMinutes(1));
            driver.publish(council("m1", START, 0));
            driver.agenda("m1", OPENED, null, at(0));
            driver.agenda("m1", ITEM_STARTED, "1", at(1));
            driver.agenda("m1", ITEM_STARTED, "2", at(40));
            driver.agenda("m1", ADJOURNED, null, at(150));

            // when
            for (int k = 0; k < 30; k++) {
                driver.comment(comment("web:" + k, "author" + k, "Buses again, number " + k + " #bcclive", at(41 + k)));
            }
            driver.emit();

            // then
            assertThat(driver.summary("m1", "2").count()).isEqualTo(30);
            assertThat(driver.storeSize(DeskStores.MEETINGS)[0]).isEqualTo(1);
            assertThat(driver.storeSize(DeskStores.WINDOWS)[0]).isEqualTo(1);
        }
    }
}
