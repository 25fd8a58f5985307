package org.chamberpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    @Test
    void shouldReadTheKernelsEphemeralRangeWhole() throws Exception {
        // given
        assumeTrue(Files.exists(RANGE), "a Linux kernel's port range");
        int expected;
        try (InputStream in = Files.newInputStream(RANGE)) {
            expected = Integer.parseInt(new String(in.readAllBytes()).strip().split("\\s+")[0]);
        }
        // when
        int start = FreePorts.ephemeralRangeStart();
        // then
        assertThat(start).isEqualTo(expected).isGreaterThan(1_024);
    }

    @Test
    void shouldPickPortsBelowTheEphemeralRange() throws Exception {
        // given a range that leaves room below it, as Linux's usual one does
        int start = FreePorts.ephemeralRangeStart();
        assumeTrue(start - 10_000 >= 1_000, "room below the ephemeral range");
        // when / then
        for (int i = 0; i < 200; i++) {
            assertThat(FreePorts.pick()).isBetween(10_000, start - 1);
        }
    }
}
