package org.chamberpulse.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code chamberpulse} command line. */
@Command(name = "chamberpulse",
        mixinStandardHelpOptions = true,
        version = "ChamberPulse 0.1.0",
        description = "Live public feedback for council meetings, on Apache Kafka.",
        subcommands = {DemoCommand.class, RunCommand.class, BrokerCommand.class, ReplayCommand.class, SampleCommand.class, ScoreCommand.class, ReportCommand.class, AgendaCommand.class, IngestCommand.class, LoadCommand.class, HashPasswordCommand.class,
                CommandLine.HelpCommand.class})
public final class ChamberPulse implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("score")) {
            // A filter in a pipeline starts often and briefly: building the whole command tree's model
            // would add about a tenth of a second to every run (docs/BENCHMARKS.md).
            System.exit(new ScoreCommand().call());
        }
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ChamberPulse());
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
