package dev.recur.engine.tribuo;

import dev.recur.engine.io.Shorten;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.regression.Regressor;
import org.tribuo.sequence.SequenceDataset;
import org.tribuo.sequence.SequenceExample;
import org.tribuo.sequence.SequenceModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Evaluates any Tribuo {@code SequenceModel<Regressor>} (Tribuo has no sequence regression evaluator):
 * MAE, RMSE and R² per dimension, per step position and overall. Sums are kept in double with the actuals'
 * variance accumulated by Welford's method.
 */
public final class SequenceRegressionEvaluator {

    /** Predicts every sequence of {@code data} with {@code model} and scores the predictions. */
    public SequenceRegressionEvaluation evaluate(SequenceModel<Regressor> model, SequenceDataset<Regressor> data) {
        List<SequenceExample<Regressor>> list = new ArrayList<>(data.getData());
        return evaluate(list, model.predict(list));
    }

    /**
     * Scores predictions against the sequences' own outputs.
     *
     * @throws IllegalArgumentException if the predictions do not line up with the sequences, or a dimension
     *                                  is missing from an actual or a prediction
     */
    public SequenceRegressionEvaluation evaluate(List<SequenceExample<Regressor>> actuals,
                                                 List<List<Prediction<Regressor>>> predictions) {
        if (actuals.size() != predictions.size()) {
            throw new IllegalArgumentException(actuals.size() + " sequences but " + predictions.size() + " predicted");
        }
        if (actuals.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate: no sequences");
        }
        String[] dims = actuals.get(0).get(0).getOutput().getNames();
        Acc[] overall = newAccs(dims.length);
        Acc pooled = new Acc();
        List<Acc[]> byStep = new ArrayList<>();
        long steps = 0;
        for (int i = 0; i < actuals.size(); i++) {
            SequenceExample<Regressor> seq = actuals.get(i);
            List<Prediction<Regressor>> pred = predictions.get(i);
            if (seq.size() != pred.size()) {
                throw new IllegalArgumentException("sequence " + i + " has " + seq.size() + " steps but "
                        + pred.size() + " predictions");
            }
            int t = 0;
            for (Example<Regressor> step : seq) {
                if (byStep.size() <= t) {
                    byStep.add(newAccs(dims.length));
                }
                Regressor y = step.getOutput();
                Regressor p = pred.get(t).getOutput();
                for (int d = 0; d < dims.length; d++) {
                    double a = value(y, dims[d], "sequence " + i + ", step " + t + " actual");
                    double f = value(p, dims[d], "sequence " + i + ", step " + t + " prediction");
                    overall[d].add(a, f);
                    byStep.get(t)[d].add(a, f);
                    pooled.add(a, f);
                }
                t++;
                steps++;
            }
        }
        List<List<SequenceRegressionEvaluation.Metrics>> stepMetrics = new ArrayList<>();
        for (Acc[] accs : byStep) {
            stepMetrics.add(metrics(accs));
        }
        return new SequenceRegressionEvaluation(List.of(dims), metrics(overall), stepMetrics, pooled.metrics(),
                actuals.size(), steps);
    }

    private static double value(Regressor r, String dim, String where) {
        int idx = Arrays.asList(r.getNames()).indexOf(dim);
        if (idx < 0) {
            throw new IllegalArgumentException(where + " has no dimension " + Shorten.quoted(dim));
        }
        return r.getValues()[idx];
    }

    private static Acc[] newAccs(int n) {
        Acc[] a = new Acc[n];
        for (int i = 0; i < n; i++) {
            a[i] = new Acc();
        }
        return a;
    }

    private static List<SequenceRegressionEvaluation.Metrics> metrics(Acc[] accs) {
        List<SequenceRegressionEvaluation.Metrics> out = new ArrayList<>();
        for (Acc a : accs) {
            out.add(a.metrics());
        }
        return List.copyOf(out);
    }

    /** Running sums of one cell. */
    private static final class Acc {
        long n;
        double sumAbs;
        double sumSq;
        double mean;
        double m2;

        void add(double actual, double predicted) {
            double e = predicted - actual;
            n++;
            sumAbs += Math.abs(e);
            sumSq += e * e;
            double delta = actual - mean;
            mean += delta / n;
            m2 += delta * (actual - mean);
        }

        SequenceRegressionEvaluation.Metrics metrics() {
            if (n == 0) {
                return new SequenceRegressionEvaluation.Metrics(0, Double.NaN, Double.NaN, Double.NaN);
            }
            double r2 = m2 > 0 ? 1 - sumSq / m2 : Double.NaN;
            return new SequenceRegressionEvaluation.Metrics(n, sumAbs / n, Math.sqrt(sumSq / n), r2);
        }
    }
}
