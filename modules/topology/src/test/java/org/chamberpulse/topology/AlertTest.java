package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chamberpulse.model.AgendaEventType.ITEM_STARTED;
import static org.chamberpulse.topology.Fixtures.START;
import static org.chamberpulse.topology.Fixtures.at;
import static org.chamberpulse.topology.Fixtures.comment;
import static org.chamberpulse.topology.Fixtures.council;

import java.util.List;
import org.chamberpulse.model.Alert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertTest {

    private final PulseDriver driver = new PulseDriver();
    private int next;

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldAlertOnceOnASurgeFarAboveTheMeetingsBaseline() {
        // given: two comments a minute for ten minutes
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));
        for (int minute = 0; minute < 10; minute++) {
            post(minute, 10, "Steady comment " + minute);
            post(minute, 40, "Another steady comment " + minute);
        }

        // when: forty in the eleventh minute
        for (int k = 0; k < 40; k++) {
            post(10, k, "Surging comment number " + k);
        }

        // then
        List<Alert> alerts = driver.alerts();
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(Alert.Kind.SURGE);
            assertThat(alert.itemId()).isEqualTo("1");
            assertThat(alert.value()).isEqualTo(10);
            assertThat(alert.baseline()).isLessThan(3);
            assertThat(alert.message()).startsWith("Surge during item 1 (Apologies)");
        });
    }

    @Test
    void shouldStayQuietWhileTheVolumeIsSteadyOrLow() {
        // given
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "1", at(0));

        // when: nine comments in a minute, below the floor of ten
        for (int minute = 0; minute < 8; minute++) {
            post(minute, 5, "Quiet comment " + minute);
        }
        for (int k = 0; k < 9; k++) {
            post(8, k, "Busier but not a surge " + k);
        }

        // then
        assertThat(driver.alerts()).isEmpty();
    }

    @Test
    void shouldAlertWhenAnItemsMoodSwings() {
        // given: ten minutes of praise
        driver.publish(council("m1", START, 0));
        driver.agenda("m1", ITEM_STARTED, "2", at(0));
        for (int minute = 0; minute < 10; minute++) {
            post(minute, 10, "Great work, excellent answer number " + minute);
        }

        // when: then a run of anger
        for (int k = 0; k < 10; k++) {
            post(10 + k / 3, 10 + k, "This is a disgrace, terrible answer " + k);
        }

        // then
        assertThat(driver.alerts()).filteredOn(a -> a.kind() == Alert.Kind.SWING).singleElement().satisfies(alert -> {
            assertThat(alert.value()).isLessThan(0);
            assertThat(alert.baseline()).isGreaterThan(0.5);
            assertThat(alert.message()).contains("more negative");
        });
    }

    private void post(int minute, int second, String text) {
        next++;
        driver.comment(comment("c" + next, "a" + next, text, at(minute, second)));
    }
}
