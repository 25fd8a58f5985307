package org.chamberpulse.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FollowedTagsTest {

    @Test
    void shouldKeepFiguresForTheFollowedHashtagsOnly() {
        // given
        SourceStats client = new SourceStats();
        FollowedTags followed = new FollowedTags(client, Set.of());
        followed.follow(Set.of("bcclive", "budget"), tag -> new SourceStats(), () -> { });
        SourceStats bcclive = followed.stats("bcclive");

        // when: one hashtag is dropped, and a post carries a followed and an unfollowed hashtag
        followed.follow(Set.of("bcclive"), tag -> new SourceStats(), () -> { });
        followed.connected(1_000);
        followed.published(List.of("bcclive", "budget"), 2_000);

        // then
        assertThat(followed.tags()).containsExactly("bcclive");
        assertThat(followed.stats("bcclive")).isSameAs(bcclive);
        assertThat(followed.stats("budget")).isNull();
        assertThat(bcclive.publishedCount()).isEqualTo(1);
        assertThat(bcclive.isConnected()).isTrue();
        assertThat(client.publishedCount()).isEqualTo(1);
    }

    @Test
    void shouldShowAThreadWaitingForHashtagsTheOnesFollowedSince() throws Exception {
        // given: the client's thread waiting for a hashtag
        FollowedTags followed = new FollowedTags(new SourceStats(), Set.of());
        CompletableFuture<Set<String>> seen = CompletableFuture.supplyAsync(() -> {
            while (followed.tags().isEmpty()) {
                followed.awaitChange();
            }
            return followed.tags();
        });

        // when
        followed.follow(Set.of("bcclive"), tag -> new SourceStats(), () -> { });

        // then
        assertThat(seen.get(5, TimeUnit.SECONDS)).containsExactly("bcclive");
    }
}
