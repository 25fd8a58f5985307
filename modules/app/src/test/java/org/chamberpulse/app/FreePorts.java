package org.chamberpulse.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for processes a test starts on its own (a forked broker, a forked {@code run}). They are chosen
 * below the kernel's ephemeral range: a port that {@code ServerSocket(0)} hands out lies in that range,
 * and between its choice and the child's bind any connection's own end, or any other bind to port 0,
 * may take it (a CI run lost {@code run}'s HTTP port so).
 */
public final class FreePorts {

    private static final int LOWEST = 10_000;

    private FreePorts() {
    }

    public static int pick() throws IOException {
        int below = ephemeralRangeStart();
        if (below - LOWEST < 1_000) {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another one
            }
        }
        throw new IOException("no free port between " + LOWEST + " and " + below);
    }

    /**
     * The first port of the kernel's ephemeral range (Linux), or the usual 32768 where it cannot be read. Read
     * line by line: {@code Files.readString} took one byte of this procfs file (whose size reads as 0) on JDK 17,
     * "3", and every port came from the ephemeral range after all.
     */
    static int ephemeralRangeStart() {
        try {
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).strip().split("\\s+")[0]);
        } catch (IOException | RuntimeException unknown) {
            return 32_768;
        }
    }
}
