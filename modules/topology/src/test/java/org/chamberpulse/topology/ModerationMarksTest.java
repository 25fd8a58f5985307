package org.chamberpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ModerationMarksTest {

    private static final UnaryOperator<String> PUBLIC_ID = id -> "public:" + id;

    @Test
    void shouldReadEachKindOfMarkByTheSourceIdOrThePublicId() {
        // given
        ModerationMarks marks = ModerationMarks.of(List.of("c1", "erased:public:c2", "cleared:c3"));

        // when / then
        assertThat(marks.isHidden("c1", PUBLIC_ID)).isTrue();
        assertThat(marks.isErased("c2", PUBLIC_ID)).isTrue();
        assertThat(marks.isCleared("c3", PUBLIC_ID)).isTrue();
        assertThat(marks.isHidden("c2", PUBLIC_ID)).isFalse();
        assertThat(marks.isErased("c1", PUBLIC_ID)).isFalse();
        assertThat(marks.isCleared("c1", PUBLIC_ID)).isFalse();
    }

    @Test
    void shouldNameTheCommentsWhoseMarksChanged() {
        // given
        ModerationMarks before = ModerationMarks.of(List.of("c1", "c2", "cleared:c3", "erased:c4"));

        // when
        ModerationMarks after = ModerationMarks.of(List.of("c2", "c5", "cleared:c6", "erased:c4", "erased:c7"));

        // then
        assertThat(after.remarked(before)).containsExactly("c1", "c3", "c5", "c6");
        assertThat(after.newlyErased(before)).containsExactly("c7");
    }
}
