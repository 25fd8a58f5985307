package org.chamberpulse.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.chamberpulse.ingest.SampleMeeting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Write the sample council meeting (meeting.json, agenda.jsonl, comments.jsonl) made by the seeded generator.")
final class SampleCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The directory to write to.")
    Path out;

    @Option(names = "--seed", defaultValue = "" + SampleMeeting.DEFAULT_SEED, description = "The seed (default: ${DEFAULT-VALUE}, the bundled sample).")
    long seed;

    @Override
    public Integer call() {
        SampleMeeting.Sample sample = SampleMeeting.generate(seed);
        SampleMeeting.write(sample, out);
        System.out.printf("wrote %s: %d agenda items, %d agenda events, %d comments%n",
                out, sample.meeting().items().size(), sample.agenda().size(), sample.comments().size());
        return 0;
    }
}
