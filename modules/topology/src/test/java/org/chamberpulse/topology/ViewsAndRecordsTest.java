package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chamberpulse.model.AgendaEventType.ADJOURNED;
import static org.chamberpulse.model.AgendaEventType.CORRECTION;
import static org.chamberpulse.model.AgendaEventType.ITEM_STARTED;
import static org.chamberpulse.model.AgendaEventType.OPENED;
import static org.chamberpulse.topology.Fixtures.START;
import static org.chamberpulse.topology.Fixtures.at;
import static org.chamberpulse.topology.Fixtures.comment;
import static org.chamberpulse.topology.Fixtures.council;
import static org.chamberpulse.topology.Fixtures.repost;

import java.time.Duration;
import org.chamberpulse.model.ItemSummary;
import org.chamberpulse.model.MeetingView;
import org.chamberpulse.model.ReportBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** pulse.views: one view per meeting, computed once; pulse.reports: the record once the meeting is final. */
class ViewsAndRecordsTest {

    private final PulseDriver driver = new PulseDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldPublishTheViewWithTheRunningItemTheCountsFollow() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", OPENED, null, at(0));
        driver.agenda("m1", ITEM_STARTED, "1", at(1));
        driver.agenda("m1", ITEM_STARTED, "2", at(10));
        driver.comment(comment("c1", "a1", "On item two", at(12)));

        // when: the clerk corrects item 1's start to after item 2's, so item 1 runs now
        driver.agenda("m1", CORRECTION, "1", at(11));

        // then
        MeetingView view = driver.view("m1");
        assertThat(view.runningItem()).isEqualTo("1");
        assertThat(view.segments()).last().satisfies(segment -> assertThat(segment.itemId()).isEqualTo("1"));
        assertThat(view.items()).extracting(ItemSummary::itemId).containsExactly("1", "2", "3");
        assertThat(view.items().get(0).count()).isEqualTo(1);
        assertThat(view.openedAt()).isEqualTo(at(0));
        assertThat(view.report()).isNull();
    }

    @Test
    void shouldWriteTheRecordOnceTheMeetingIsAdjournedAndQuietAndAgainWhenSomethingChanges() {
        // given: an adjourned meeting with comments and a repost
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));
        driver.comment(comment("c1", "a1", "First", at(1)));
        driver.comment(comment("c2", "a2", "Second", at(2)));
        driver.comment(repost("r1", "a3", "c1", at(3)));
        driver.agenda("m1", ADJOURNED, null, at(30));
        driver.emit();
        assertThat(driver.report("m1")).as("not final until quiet for the grace").isNull();

        // when the grace passes on the wall clock
        driver.advanceWallClock(PulseDriver.CONFIG.reportGrace());

        // then
        ReportBundle record = driver.report("m1");
        assertThat(record.version()).isEqualTo(1);
        assertThat(record.comments()).extracting(c -> c.comment().id()).containsExactly("c1", "c2", "r1");
        assertThat(record.summaries()).filteredOn(s -> s.itemId().equals("1")).singleElement()
                .satisfies(item -> assertThat(item).isEqualTo(driver.summary("m1", "1")));
        assertThat(driver.view("m1").report()).isEqualTo(new MeetingView.ReportRef(1, record.finalAt()));

        // when a late comment arrives and the meeting is quiet again
        driver.comment(comment("c3", "a4", "Late, after the meeting", at(40)));
        driver.advanceWallClock(PulseDriver.CONFIG.reportGrace().plus(Duration.ofSeconds(1)));

        // then a second version holds it
        assertThat(driver.report("m1").version()).isEqualTo(2);
        assertThat(driver.report("m1").comments()).hasSize(4);
    }
}
