package dev.recur.plugin.cli;

import dev.recur.engine.forecast.AutoForecaster;
import dev.recur.engine.forecast.EnsembleForecaster;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.loss.Loss;
import dev.recur.engine.neural.ForecasterSettings;
import dev.recur.engine.neural.RecurrentForecaster;
import dev.recur.engine.neural.WindowWeights;
import dev.recur.engine.nn.CellType;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.statistical.Baselines;
import dev.recur.engine.statistical.Combination;
import dev.recur.engine.train.Defaults;
import dev.recur.engine.train.TrainingConfig;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;

/** The method and the neural models' hyperparameters: shared by forecast, train and backtest. */
public final class ModelOptions {

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "ensemble",
            description = "ensemble (default: the mean of ETS, Theta and ARIMA for every series, the GRU on the series "
                    + "long enough for it, and for those the GRU, the statistical mean or both, as held-out windows "
                    + "decide), gru, lstm, rnn, auto (chosen by backtest among gru, ets, theta, arima, comb and snaive), "
                    + "naive, snaive, drift, mean, naive2, ets, theta (as R's thetaf), dotm (the dynamic optimised Theta "
                    + "model), arima (automatic seasonal ARIMA) or comb (the mean of ets, theta and arima, with dotm in "
                    + "theta's place for a season of 1).")
    String model;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + Defaults.SEED, description = "Seed of the neural models (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--auto-windows", paramLabel = "N", defaultValue = "5",
            description = "auto: backtest windows, each a horizon apart (default ${DEFAULT-VALUE}; fewer when the series are short).")
    int autoWindows;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "" + Defaults.HIDDEN, description = "Neural models: hidden units (default ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", paramLabel = "N", defaultValue = "" + Defaults.LAYERS, description = "Neural models: layers (default ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + Defaults.EPOCHS, description = "Neural models: most epochs (default ${DEFAULT-VALUE}; early stopping may end sooner).")
    int epochs;

    @Option(names = "--samples-per-epoch", paramLabel = "N", defaultValue = "" + Defaults.SAMPLES_PER_EPOCH, description = "Neural models: windows per epoch, drawn afresh each epoch (default ${DEFAULT-VALUE}; 0 = all); a window longer than 168 steps counts as window / 168 of them.")
    int samplesPerEpoch;

    @Option(names = "--ema-decay", paramLabel = "D", defaultValue = "" + Defaults.EMA_DECAY,
            description = "Neural models: decay per step of the moving average of the weights that early stopping and "
                    + "the forecasts use (default ${DEFAULT-VALUE}: about the last 500 steps; 0 = the raw weights).")
    float emaDecay;

    @Option(names = "--ensemble", paramLabel = "N", defaultValue = "" + Defaults.ENSEMBLE, description = "Neural models: networks with "
            + "different seeds, median forecast (default ${DEFAULT-VALUE}: automatic, as many as fit in 20,000 training "
            + "windows in all, from 1 to 5).")
    int ensemble;

    @Option(names = "--window", paramLabel = "N", defaultValue = "0", description = "Neural models: input window (default 0: a week for hourly data, else from season and horizon).")
    int window;

    @Option(names = "--learning-rate", paramLabel = "LR", defaultValue = "" + Defaults.LEARNING_RATE, description = "Neural models: Adam's learning rate (default ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + Defaults.BATCH_SIZE, description = "Neural models: windows per step (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--loss", paramLabel = "LOSS", defaultValue = Defaults.LOSS, description = "Neural models: mae, mse, huber or pinball:Q,Q,... (default ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--window-weights", paramLabel = "HOW", defaultValue = "alternate", description = "Neural models: "
            + "how much each training window counts in the loss: equal (errors relative to each window's level, as sMAPE "
            + "sees them), mase (each window by its level or spread over its mean absolute seasonal difference, as MASE "
            + "sees errors; capped at 10 times the median window), both (the mean of the two) or alternate (default: the "
            + "ensemble's members alternate equal and mase; a single network is equal).")
    String windowWeights;

    @Option(names = "--retrain", paramLabel = "WHEN", defaultValue = "auto", description = "Neural models: once early "
            + "stopping has chosen the epochs on the held-out latest windows, train each network again on every window, "
            + "those included, and forecast with it: auto (default: on at most 20,000 training windows of at most a million "
            + "steps in all, where the held-out latest windows are a large share of the data and the cost is small), on or off. It costs about the first training's time "
            + "again; early stopping and the intervals are the same either way.")
    String retrain;

    @Option(names = "--threads", paramLabel = "N", description = "Neural models: threads (default: all cores; results do not depend on it).")
    Integer threads;

    @Option(names = "--intervals", paramLabel = "METHOD", defaultValue = "conformal",
            description = "Neural models: conformal (default: split-conformal around the point forecast) or quantile "
                    + "(pinball-loss quantile heads, conformalised).")
    String intervals;

    @Option(names = "--calendar", description = "Neural models: also feed calendar features of each point (hour of day "
            + "and day of week for hourly data, day of week and of year for daily, month for monthly, ...); needs timestamps.")
    boolean calendar;

    /** Creates the options. */
    public ModelOptions() {
    }

    /** The method named by {@code --model}. */
    Forecaster forecaster() {
        String name = model.toLowerCase(Locale.ROOT);
        switch (name) {
            case "ensemble":
                return new EnsembleForecaster(Combination.standard(), neural("gru"));
            case "auto":
                // naive and drift are left out: they are special cases of ets, and only add selection noise; comb
                // is made of the same ets, theta and arima, so that auto scores it from their backtests
                Combination comb = Combination.standard();
                List<Forecaster> auto = new java.util.ArrayList<>(List.of(neural("gru")));
                auto.addAll(comb.members());
                auto.add(comb);
                auto.add(Baselines.byName("snaive"));
                return new AutoForecaster(auto, autoWindows);
            case "gru":
            case "lstm":
            case "rnn":
                return neural(name);
            default:
                try {
                    return Baselines.byName(name);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown model " + Shorten.quoted(model)
                            + ": expected ensemble, auto, gru, lstm, rnn, naive, snaive, drift, mean, naive2, ets, theta, "
                            + "dotm, arima or comb");
                }
        }
    }

    /** A neural forecaster with these hyperparameters. */
    RecurrentForecaster neural(String name) {
        Loss lossFunction = Loss.parse(loss);
        RecurrentForecaster.IntervalMethod method = intervalMethod();
        try {
            // the engine validates (the same code the Java API and the Tribuo trainers go through); the command
            // line only renames the setting to its flag
            TrainingConfig.Builder tc = Defaults.training().epochs(epochs).batchSize(batchSize).learningRate(learningRate)
                    .loss(lossFunction).samplesPerEpoch(samplesPerEpoch).seed(seed).emaDecay(emaDecay);
            if (threads != null) {
                tc.threads(threads);
            }
            return new RecurrentForecaster(ForecasterSettings.builder().cell(CellType.parse(name))
                    .hidden(hidden).layers(layers).ensemble(ensemble).window(window).intervals(method).calendar(calendar)
                    .refit(retrain()).windowWeights(windowWeights()).training(tc.build()).build());
        } catch (IllegalArgumentException e) {
            throw withFlag(e);
        }
    }

    /** The engine's settings as the flags that set them. */
    static final java.util.Map<String, String> FLAGS = java.util.Map.ofEntries(
            java.util.Map.entry("epochs", "--epochs"), java.util.Map.entry("batchSize", "--batch-size"),
            java.util.Map.entry("learningRate", "--learning-rate"), java.util.Map.entry("samplesPerEpoch", "--samples-per-epoch"),
            java.util.Map.entry("emaDecay", "--ema-decay"), java.util.Map.entry("threads", "--threads"),
            java.util.Map.entry("hidden", "--hidden"), java.util.Map.entry("hiddenSize", "--hidden"),
            java.util.Map.entry("layers", "--layers"), java.util.Map.entry("numLayers", "--layers"),
            java.util.Map.entry("ensemble", "--ensemble"), java.util.Map.entry("window", "--window"));

    /** An engine error whose message starts with a setting's name, reworded with the flag that sets it. */
    static IllegalArgumentException withFlag(IllegalArgumentException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        int space = m.indexOf(' ');
        String flag = space > 0 ? FLAGS.get(m.substring(0, space)) : null;
        return flag == null ? e : new IllegalArgumentException(flag + m.substring(space), e);
    }

    /** {@code --window-weights} as the engine's setting; an unknown name is reworded with the flag. */
    private WindowWeights windowWeights() {
        try {
            return WindowWeights.parse(windowWeights);
        } catch (IllegalArgumentException e) {
            // the engine's message ends with the names it takes (": expected equal, ..."): say them once, there
            String m = e.getMessage();
            throw new IllegalArgumentException("--window-weights " + windowWeights + m.substring(m.lastIndexOf(": ")), e);
        }
    }

    /** {@code --retrain} as the engine's setting: null for automatic. */
    private Boolean retrain() {
        return switch (retrain.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> null;
            case "on" -> Boolean.TRUE;
            case "off" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("--retrain " + retrain + ": expected auto, on or off");
        };
    }

    private RecurrentForecaster.IntervalMethod intervalMethod() {
        try {
            return RecurrentForecaster.IntervalMethod.valueOf(intervals.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--intervals " + intervals + ": expected conformal or quantile");
        }
    }
}
