package org.chamberpulse.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.chamberpulse.dashboard.Passwords;
import picocli.CommandLine.Command;

@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = {"Hash a clerk's password for clerk.users.",
            "Reads the password (from the terminal without echo, or one line of stdin) and prints the hash;",
            "configure clerk.users=name:hash (several separated by commas)."})
final class HashPasswordCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        char[] password;
        if (System.console() != null) {
            password = System.console().readPassword("Password: ");
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password == null || password.length < 12) {
            System.err.println("chamberpulse: use a password of at least 12 characters");
            return 1;
        }
        System.out.println(Passwords.hash(password));
        return 0;
    }
}
