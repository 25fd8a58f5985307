package org.chamberpulse.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ModerationTest {

    @Test
    void shouldFlagProfanityAndItsDisguises() {
        for (String post : new String[] {"What a load of shit", "F*CK this budget", "sh!t answer", "$hit decision", "this is bollllocks",
            "absolute #bullshit", "wtf was that"}) {
            assertThat(Moderation.flags(post)).as(post).containsExactly(Moderation.PROFANITY);
        }
    }

    @Test
    void shouldFlagAbuseAndThreats() {
        assertThat(Moderation.flags("The councillor is an idiot")).containsExactly(Moderation.ABUSE);
        assertThat(Moderation.flags("kill yourself")).containsExactly(Moderation.ABUSE);
        assertThat(Moderation.flags("They are scum, f***ing scum")).containsExactly(Moderation.ABUSE, Moderation.PROFANITY);
    }

    @Test
    void shouldLeaveOrdinaryPostsUnflagged() {
        for (String post : new String[] {"Great point on the bus lanes", "Scunthorpe council did this better", "Class of 2026 cuts",
            "The assessment was bloody awful", "Pass the motion!!!", "Essex and Sussex", "Mae'r cyngor yn gwneud penderfyniad gwael"}) {
            assertThat(Moderation.flags(post)).as(post).isEmpty();
        }
    }

    @Test
    void shouldRedactEmailAddressesAndPhoneNumbers() {
        assertThat(Moderation.redact("Email me at jo.bloggs@example.org or call 07700 900123 now"))
                .isEqualTo("Email me at [email removed] or call [phone removed] now");
        assertThat(Moderation.redact("Ring +44 (0)121 303 1111 or 0121-303-1111.")).isEqualTo("Ring [phone removed] or [phone removed].");
        assertThat(Moderation.redact("The budget is 4.99% of 2,000,000 in 2026")).isEqualTo("The budget is 4.99% of 2,000,000 in 2026");
        assertThat(Moderation.redact("no personal data here")).isEqualTo("no personal data here");
    }

    @Test
    void shouldNameNoPersonByMentionOrProfileLink() {
        assertThat(Moderation.redact("Well said @bob #bcclive")).isEqualTo("Well said @… #bcclive");
        assertThat(Moderation.redact("cc @bob@mastodon.social and @carol.bsky.social!")).isEqualTo("cc @… and @…!");
        assertThat(Moderation.redact("see https://mastodon.social/@alice/1133 and https://bsky.app/profile/alice.bsky.social"))
                .isEqualTo("see @… and @…");
        assertThat(Moderation.redact("ask https://x.com/bob or https://twitter.com/bob?s=20 or https://social.example/users/dave"))
                .isEqualTo("ask @… or @… or @…");
        assertThat(Moderation.redact("the plan is at https://www.birmingham.gov.uk/budget and x.com/i/web/status/1"))
                .isEqualTo("the plan is at https://www.birmingham.gov.uk/budget and x.com/i/web/status/1");
    }

    @Test
    void shouldNeverThrowOnHostileText() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            String text = RandomText.next(random);
            assertThatCode(() -> {
                Moderation.flags(text);
                assertThat(Moderation.redact(text).length()).isGreaterThanOrEqualTo(0);
            }).as("seed %d", seed).doesNotThrowAnyException();
        }
    }
}
