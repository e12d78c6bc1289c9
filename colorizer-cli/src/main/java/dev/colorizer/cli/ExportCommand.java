package dev.colorizer.cli;

import dev.colorizer.ExitCode;
import dev.colorizer.run.RunDir;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a trained run's model as config.json + model.params (the newest checkpoint's weights), "
                + "with the data folders named without this machine's paths.",
                "scripts/bundle-model.sh uses it to make a run the model bundled in the jar."})
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "Run folder of a trained model.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the two files into.")
    Path out;

    @Override
    public Integer call() throws Exception {
        RunDir.existing(model).exportModel(out);
        System.out.println("exported " + model + " into " + out.resolve(RunDir.CONFIG) + " and "
                + out.resolve(RunDir.MODEL));
        return ExitCode.OK;
    }
}
