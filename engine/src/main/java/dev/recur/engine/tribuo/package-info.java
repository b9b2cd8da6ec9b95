/**
 * Recur's recurrent regressors as Tribuo citizens: {@link dev.recur.engine.tribuo.RecurrentRegressionTrainer}
 * and {@link dev.recur.engine.tribuo.RecurrentRegressionModel} (many-to-one, windows read from
 * {@code <channel>@t-<lag>} feature names), {@link dev.recur.engine.tribuo.RecurrentSequenceTrainer} and
 * {@link dev.recur.engine.tribuo.RecurrentSequenceModel} (many-to-many, one Regressor per step), the
 * {@link dev.recur.engine.tribuo.SequenceRegressionEvaluator}, a time-ordered
 * {@link dev.recur.engine.tribuo.RollingOriginSplitter}, and safe model loading in
 * {@link dev.recur.engine.tribuo.RecurrentModelFiles}.
 *
 * <p>The adapter depends on the core, never the reverse: it may depend on {@code nn}, {@code train},
 * {@code loss}, {@code data}, {@code codec}, {@code io}, {@code neural} (the one rule for a flat window's scale)
 * and {@code onnx} (its models export to ONNX); nothing
 * else of the engine depends on it.
 */
package dev.recur.engine.tribuo;
