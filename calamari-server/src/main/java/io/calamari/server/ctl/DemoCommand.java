package io.calamari.server.ctl;

import io.calamari.server.cluster.DemoInbox;
import io.calamari.server.config.StorageOptions;
import io.calamari.server.config.UsageException;
import io.calamari.simulator.Scenarios;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code calamari ctl demo SCENARIO [ARGUMENT...]}: puts the simulated cluster of a running
 * {@code calamari server --demo} (found by its data directory) through a scenario, such as
 * {@code fail-host node7}. Exit 1 when the scenario is refused or no demo server answers.
 */
@Command(name = "demo", description = "Run a scenario on the simulated cluster of a running 'calamari server --demo'.")
final class DemoCommand implements Callable<Integer> {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    @Mixin
    StorageOptions storage = new StorageOptions();

    @Option(names = "--list", description = "List the scenarios.")
    boolean list;

    @Parameters(paramLabel = "SCENARIO", arity = "0..*", description = "The scenario's name, then its arguments.")
    List<String> words = new ArrayList<>();

    @Spec
    @Nullable
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        if (list) {
            for (Map.Entry<String, String> scenario : Scenarios.usage().entrySet()) {
                spec.commandLine().getOut().printf("%-28s %s%n", scenario.getKey(), scenario.getValue());
            }
            return 0;
        }
        if (words.isEmpty()) {
            throw new UsageException("a scenario is required; see --list");
        }
        DemoInbox.Reply reply = DemoInbox.submit(
                storage.dataDirectory(), words.get(0), List.copyOf(words.subList(1, words.size())), REPLY_TIMEOUT);
        if (!reply.ok()) {
            throw new IllegalStateException(reply.message());
        }
        spec.commandLine().getOut().println(reply.message());
        return 0;
    }
}
