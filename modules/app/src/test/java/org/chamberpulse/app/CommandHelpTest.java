package org.chamberpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's help (issue 22): no option name broken across lines, no summary cut mid-sentence. */
class CommandHelpTest {

    @Test
    void shouldPrintEveryCommandsHelpWithWholeNamesAndSentences() {
        CommandLine cli = ChamberPulse.commandLine();
        for (CommandLine command : cli.getSubcommands().values()) {
            // when
            StringWriter help = new StringWriter();
            command.usage(new PrintWriter(help));
            String text = help.toString();

            // then: every option's longest name stands whole on one line
            for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
                assertThat(text).as("%s: %s", command.getCommandName(), option.longestName()).contains(option.longestName());
            }
            assertThat(text.lines()).as(command.getCommandName()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(120));
        }
        // and the list of commands gives each summary whole
        StringWriter top = new StringWriter();
        cli.usage(new PrintWriter(top));
        for (CommandLine command : cli.getSubcommands().values()) {
            if (command.getCommandName().equals("help")) {
                continue; // picocli's own
            }
            String summary = command.getCommandSpec().usageMessage().description()[0];
            assertThat(top.toString().replaceAll("\\s+", " ")).as(command.getCommandName()).contains(summary.replaceAll("\\s+", " "));
        }
    }
}
