package dev.recur.plugin.cli;

import dev.recur.engine.neural.ForecasterSettings;
import dev.recur.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The command line and the Java forecaster train the same network when nothing is set: one table of defaults. */
class DefaultsTest {

    @Test
    void theCommandLineAndTheJavaApiShareTheirDefaults() {
        ForecastCommand cmd = new ForecastCommand();
        new CommandLine(cmd).parseArgs("data.csv", "--horizon", "6", "--model", "gru");
        ForecasterSettings cli = cmd.method.neural("gru").settings();
        ForecasterSettings java = ForecasterSettings.builder().build();
        assertEquals(java.toString(), cli.toString());
        TrainingConfig a = cli.training();
        TrainingConfig b = java.training();
        assertEquals(b.patience(), a.patience());
        assertEquals(b.samplesPerEpoch(), a.samplesPerEpoch());
        assertEquals(b.seed(), a.seed());
        assertEquals(b.emaDecay(), a.emaDecay());
    }
}
