package dev.recur.plugin.cli;

import dev.recur.engine.neural.ForecasterFiles;
import dev.recur.engine.onnx.ForecasterOnnx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code recur export-onnx}: exports a model saved by {@code recur train} as ONNX. */
@Command(name = "export-onnx",
        mixinStandardHelpOptions = true,
        description = {"Exports a saved model as one ONNX file (opset 17) that any ONNX Runtime serves: input `input`, "
                + "float32 [batch, window, channels] of raw recent values (channel 0; channels 1 and up the calendar features "
                + "of a model trained with --calendar); outputs `forecast`, `lower_L` and `upper_L`, "
                + "float32 [batch, horizon], in the series' units. Metadata: recur.window, recur.horizon, "
                + "recur.channels, recur.season, recur.levels. A model trained on a file of several frequencies holds a "
                + "network per frequency: the first frequency's is exported, another's with --frequency."},
        footer = {"", "Examples:",
            "  recur export-onnx --model-file hourly.recur --output hourly.onnx",
            "  recur export-onnx --model-file sales.recur --frequency quarterly --output quarterly.onnx"})
public final class ExportOnnxCommand implements Callable<Integer> {

    @Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Option(names = "--model-file", required = true, paramLabel = "FILE.recur", description = "A model saved by `recur train`.")
    Path modelFile;

    @Option(names = "--output", required = true, paramLabel = "FILE.onnx", description = "Where to write the ONNX model.")
    Path output;

    @Option(names = "--frequency", paramLabel = "F", description = "The network to export from a model trained on "
            + "several frequencies, by its frequency as `recur train` named it (default: the first).")
    String frequency;

    /** Creates the command. */
    public ExportOnnxCommand() {
    }

    @Override
    public Integer call() throws Exception {
        try (OutputPlan plan = new OutputPlan(console.progress())) {
            plan.input(modelFile, "--model-file").file("--output", output);
            export(plan);
        }
        return 0;
    }

    /** The network --frequency names, or the first; a note when the file holds others. */
    private ForecasterFiles.Loaded chosen(ForecasterFiles.Loaded model) {
        List<String> held = new ArrayList<>();
        for (ForecasterFiles.Loaded m : model.all()) {
            held.add(String.valueOf(m.frequency()));
        }
        if (frequency != null) {
            for (ForecasterFiles.Loaded m : model.all()) {
                if (frequency.equalsIgnoreCase(String.valueOf(m.frequency()))) {
                    return m;
                }
            }
            throw new IllegalArgumentException(modelFile + ": holds no network for " + frequency + " data (it holds "
                    + String.join(", ", held) + ")");
        }
        if (!model.others().isEmpty()) {
            console.progress().warning(modelFile + " holds networks for " + String.join(", ", held) + " data: exporting "
                    + "the " + held.get(0) + " one (--frequency chooses another)");
        }
        return model;
    }

    private void export(OutputPlan plan) throws Exception {
        ForecasterFiles.Loaded model;
        try {
            model = ForecasterFiles.load(modelFile);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);  // a bad model file is bad input: exit 2
        }
        model = chosen(model);
        Map<String, String> meta = new LinkedHashMap<>();
        model.metadata().forEach((k, v) -> meta.put("recur." + k, v));
        try {
            var onnx = ForecasterOnnx.export(model.fitted(), meta);
            plan.stage(output, onnx::writeTo);
            plan.commit();
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException(modelFile + ": " + e.getMessage(), e);
        }
        console.progress().message(String.format(java.util.Locale.ROOT, "exported %s (window %d, horizon %d, %d member%s) to %s",
                model.metadata().getOrDefault("model", "model"), model.fitted().window(), model.fitted().horizon(),
                model.fitted().networks().size(), model.fitted().networks().size() == 1 ? "" : "s", output));
    }
}
