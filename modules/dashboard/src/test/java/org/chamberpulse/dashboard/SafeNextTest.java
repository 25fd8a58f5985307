package org.chamberpulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Where a login may send the browser next: only a path on this site, however it is disguised. */
class SafeNextTest {

    /** Known open-redirect payloads (forms from public lists of them), each of which must go to the console's home. */
    private static final List<String> PAYLOADS = List.of(
            "//evil.example", "///evil.example", "////evil.example", "/\\evil.example", "\\\\evil.example", "\\/evil.example",
            "/\t/evil.example/phish", "/%09/evil.example/phish", "/%2F/evil.example", "/%2f%2fevil.example", "/%5Cevil.example",
            "/%255C%255Cevil.example", "/%252F%252Fevil.example", "/%25252F%25252Fevil.example", "https://evil.example", "http:evil.example",
            "HTTPS://evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", " //evil.example",
            "/\n/evil.example", "/\r\n/evil.example", "/%0d%0aLocation:%20https://evil.example", "/%E2%80%8B/evil.example", "/\u3002evil.example",
            "//evil%E3%80%82example", "evil.example", "@evil.example", "/\u0000/evil.example", "/\u007f/evil.example", "/%7F/evil.example", "",
            "/%", "/%zz", "\u2028//evil.example", "/x/../\\evil.example");

    @Test
    void shouldSendEveryKnownOpenRedirectPayloadHome() {
        assertThat(PAYLOADS).allSatisfy(next -> assertThat(ClerkConsole.safeNext(next)).as(next).isEqualTo("/clerk"));
        assertThat(ClerkConsole.safeNext(null)).isEqualTo("/clerk");
    }

    @Test
    void shouldKeepAPathOnThisSite() {
        assertThat(ClerkConsole.safeNext("/clerk/bcc-2026-11-27")).isEqualTo("/clerk/bcc-2026-11-27");
        assertThat(ClerkConsole.safeNext("/meetings/m1?tab=2")).isEqualTo("/meetings/m1?tab=2");
        assertThat(ClerkConsole.safeNext("/")).isEqualTo("/");
    }

    @Test
    void shouldNeverLetThroughWhatABrowserCouldReadAsAnotherHost() {
        // given: random strings over the characters that make redirects go wrong
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        String alphabet = "/\\%2F5Cc09aA:.@ \t\n\r\u0000evil";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder next = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int k = 0; k < length; k++) {
                next.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }

            // when
            String kept = ClerkConsole.safeNext(next.toString());

            // then: home, or a single-slash path of printable ASCII with no backslash, also once decoded
            String decoded = URLDecoder.decode(kept.replace("+", "%2B").replaceAll("%(?![0-9a-fA-F]{2})", "%25"), StandardCharsets.UTF_8);
            assertThat(kept).as("seed %d, input %s", seed, next).matches("/([^/\\\\].*)?").doesNotContain("\\").matches("[\\x21-\\x7e]*");
            assertThat(decoded).as("seed %d, input %s", seed, next).doesNotStartWith("//").doesNotContain("\\").doesNotContain("\t");
        }
    }
}
