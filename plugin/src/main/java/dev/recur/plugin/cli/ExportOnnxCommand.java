package dev.recur.plugin.cli;

import dev.recur.engine.forecast.ForecasterFiles;
import dev.recur.engine.onnx.ForecasterOnnx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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
                + "recur.channels, recur.season, recur.levels."},
        footer = {"", "Examples:",
            "  recur export-onnx --model-file hourly.recur --output hourly.onnx"})
public final class ExportOnnxCommand implements Callable<Integer> {

    @Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Option(names = "--model-file", required = true, paramLabel = "FILE.recur", description = "A model saved by `recur train`.")
    Path modelFile;

    @Option(names = "--output", required = true, paramLabel = "FILE.onnx", description = "Where to write the ONNX model.")
    Path output;

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

    private void export(OutputPlan plan) throws Exception {
        ForecasterFiles.Loaded model;
        try {
            model = ForecasterFiles.load(modelFile);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);  // a bad model file is bad input: exit 2
        }
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
