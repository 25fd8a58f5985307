package org.chamberpulse.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code chamberpulse} command line. */
@Command(name = "chamberpulse",
        mixinStandardHelpOptions = true,
        version = "ChamberPulse 0.1.0",
        description = "Live public feedback for council meetings, on Apache Kafka.",
        subcommands = {DemoCommand.class, RunCommand.class, BrokerCommand.class, ReplayCommand.class, SampleCommand.class, ScoreCommand.class, ReportCommand.class, EraseCommand.class, AgendaCommand.class, IngestCommand.class, LoadCommand.class, HashPasswordCommand.class,
                CommandLine.HelpCommand.class})
public final class ChamberPulse implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("score")) {
            System.exit(score(new ScoreCommand()));
        }
        if (args.length == 3 && args[0].equals("score") && args[1].equals("--model")) {
            ScoreCommand command = new ScoreCommand();
            command.model = args[2];
            System.exit(score(command));
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * A filter in a pipeline starts often and briefly: building the whole command tree's model would add
     * a tenth of a second to every run, and configuring Logback from its XML (for the language detector's
     * debug lines) 0.15 s more (docs/BENCHMARKS.md). Scoring logs nothing; a failure is one line on stderr.
     */
    private static int score(ScoreCommand command) {
        System.setProperty("slf4j.provider", System.getProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider"));
        System.setProperty("slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "WARN"));
        try {
            return command.call();
        } catch (Exception e) {
            System.err.println("chamberpulse: " + e.getMessage());
            return 1;
        }
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ChamberPulse());
        // Help as wide as the terminal (at least 100 columns), option names never broken, descriptions whole.
        cli.setUsageHelpAutoWidth(true);
        cli.setUsageHelpWidth(120);
        cli.setUsageHelpLongOptionsMaxWidth(36);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("chamberpulse: " + e.getMessage());
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
