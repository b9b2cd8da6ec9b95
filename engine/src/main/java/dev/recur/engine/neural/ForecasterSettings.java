package dev.recur.engine.neural;

import dev.recur.engine.nn.CellType;
import dev.recur.engine.train.Defaults;
import dev.recur.engine.train.TrainingConfig;

import java.util.Locale;
import java.util.Objects;

/** Hyperparameters of a {@link RecurrentForecaster}. Build with {@link #builder()}. */
public final class ForecasterSettings {
    final CellType cell;
    final int hidden;
    final int layers;
    final float dropout;
    final int window;
    final Scaling scaling;
    final Scaling.Scope scope;
    final Boolean log;
    final RecurrentForecaster.IntervalMethod intervals;
    final boolean calendar;
    final int ensemble;
    final int calibrationWindows;
    final Boolean refit;
    final RecurrentForecaster.Strategy strategy;
    final Boolean seasonalResidual;
    final WindowWeights windowWeights;
    final TrainingConfig training;

    private ForecasterSettings(Builder b) {
        cell = b.cell;
        hidden = b.hidden;
        layers = b.layers;
        dropout = b.dropout;
        window = b.window;
        scaling = b.scaling;
        scope = b.scope;
        log = b.log;
        intervals = b.intervals;
        calendar = b.calendar;
        ensemble = b.ensemble;
        calibrationWindows = b.calibrationWindows;
        refit = b.refit;
        strategy = b.strategy;
        seasonalResidual = b.seasonalResidual;
        windowWeights = b.windowWeights;
        training = b.training;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The training configuration of each member. */
    public TrainingConfig training() {
        return training;
    }

    /** The number of ensemble members. */
    public int ensemble() {
        return ensemble;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s hidden=%d layers=%d dropout=%.2f window=%s scaling=%s/%s log=%s "
                        + "ensemble=%s refit=%s strategy=%s seasonal-residual=%s intervals=%s calendar=%s loss=%s window-weights=%s "
                        + "epochs=%d batch=%d lr=%g ema=%g",
                cell, hidden, layers, dropout, window == 0 ? "auto" : window, scaling, scope,
                log == null ? "auto" : log, ensemble == 0 ? "auto" : Integer.toString(ensemble), refit == null ? "auto" : refit, strategy,
                seasonalResidual == null ? "auto" : seasonalResidual, intervals, calendar, training.loss().name(),
                windowWeights.name().toLowerCase(Locale.ROOT), training.epochs(),
                training.batchSize(), training.learningRate(), training.emaDecay());
    }

    /** Builds {@link ForecasterSettings}. */
    public static final class Builder {
        private CellType cell = CellType.parse(Defaults.CELL);
        private int hidden = Defaults.HIDDEN;
        private int layers = Defaults.LAYERS;
        private float dropout;
        private int window;
        private Scaling scaling = Scaling.LEVEL;
        private Scaling.Scope scope = Scaling.Scope.WINDOW;
        private Boolean log;
        private RecurrentForecaster.IntervalMethod intervals = RecurrentForecaster.IntervalMethod.CONFORMAL;
        private boolean calendar;
        private int ensemble = Defaults.ENSEMBLE;
        private int calibrationWindows;
        private Boolean refit;
        private RecurrentForecaster.Strategy strategy = RecurrentForecaster.Strategy.DIRECT;
        private Boolean seasonalResidual;
        private WindowWeights windowWeights = WindowWeights.ALTERNATE;
        private TrainingConfig training = Defaults.training().build();

        private Builder() {
        }

        /** The recurrent cell (default GRU). */
        public Builder cell(CellType v) {
            cell = Objects.requireNonNull(v);
            return this;
        }

        /** Hidden units (default 64). */
        public Builder hidden(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("hidden must be positive, got " + v);
            }
            hidden = v;
            return this;
        }

        /** Stacked layers (default 2). */
        public Builder layers(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("layers must be positive, got " + v);
            }
            layers = v;
            return this;
        }

        /** Dropout between layers. */
        public Builder dropout(float v) {
            dropout = v;
            return this;
        }

        /** Input window; 0 picks one from the season and horizon (a week for hourly data). */
        public Builder window(int v) {
            if (v != 0 && (v < 2 || v > FittedForecaster.MAX_WINDOW)) {
                throw new IllegalArgumentException("window must be 0 (chosen from the season and horizon) or between 2 "
                        + "and " + FittedForecaster.MAX_WINDOW + ", got " + v);
            }
            window = v;
            return this;
        }

        /** Normalisation (default {@link Scaling#LEVEL}). */
        public Builder scaling(Scaling v) {
            scaling = Objects.requireNonNull(v);
            return this;
        }

        /** Where the normalisation statistics come from (default the window). */
        public Builder scope(Scaling.Scope v) {
            scope = Objects.requireNonNull(v);
            return this;
        }

        /** Log-transform values: true, false, or null for "when all values are positive" (default). */
        public Builder log(Boolean v) {
            log = v;
            return this;
        }

        /**
         * Whether the networks also read calendar features of each point ({@link CalendarFeatures}: hour
         * of day, day of week, month, ...) as extra input channels; needs timestamps and the direct
         * strategy (default false).
         */
        public Builder calendar(boolean v) {
            calendar = v;
            return this;
        }

        /** How intervals are made (default conformal around the point forecast). */
        public Builder intervals(RecurrentForecaster.IntervalMethod v) {
            intervals = Objects.requireNonNull(v);
            return this;
        }

        /**
         * Ensemble members, each with its own seed; the forecast is their median (default 1). 0 chooses by the
         * data: {@link RecurrentForecaster#autoMembers} of the training windows.
         */
        public Builder ensemble(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("ensemble must be at least 0 (automatic), got " + v);
            }
            ensemble = v;
            return this;
        }

        /** Calibration windows per series; 0 picks about 400 in all (at most 20 per series). */
        public Builder calibrationWindows(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("calibrationWindows must not be negative, got " + v);
            }
            calibrationWindows = v;
            return this;
        }

        /**
         * Whether each member, once early stopping has chosen its epochs on the calibration windows, is trained again
         * from its initial weights on every window (the calibration windows and those between them and the training
         * windows included) for that many epochs, and forecasts with those weights: true, false, or null for "on at
         * most {@value RecurrentForecaster#ENSEMBLE_WINDOWS} training windows" (default). Early stopping,
         * the held-out forecasts and the intervals are the same either way.
         */
        public Builder refit(Boolean v) {
            refit = v;
            return this;
        }

        /** Direct (default) or recursive multi-step forecasts. */
        public Builder strategy(RecurrentForecaster.Strategy v) {
            strategy = Objects.requireNonNull(v);
            return this;
        }

        /**
         * Whether the network predicts the residual over the seasonal naive forecast (in the normalised
         * space), so that a zero output is seasonal naive: true, false, or null for "when the strategy
         * is direct and most series are seasonal" by M4's autocorrelation test on their first
         * differences (default).
         */
        public Builder seasonalResidual(Boolean v) {
            seasonalResidual = v;
            return this;
        }

        /**
         * How much each training window counts in the loss ({@link WindowWeights}; default
         * {@link WindowWeights#ALTERNATE}: the ensemble's members alternate between equal weights and weights by each
         * window's normalisation scale over its own MASE scale; a single network has equal weights).
         */
        public Builder windowWeights(WindowWeights v) {
            windowWeights = Objects.requireNonNull(v);
            return this;
        }

        /**
         * The training configuration of each member (its seed is the ensemble's base seed). The default is
         * the command line's: 30 epochs, batch 64, Adam at 1e-3, MAE loss, patience 5 and a moving average
         * of the weights with decay 0.998; a configuration given here replaces all of it.
         */
        public Builder training(TrainingConfig v) {
            training = Objects.requireNonNull(v);
            return this;
        }

        /** Builds the settings. */
        public ForecasterSettings build() {
            return new ForecasterSettings(this);
        }
    }
}
