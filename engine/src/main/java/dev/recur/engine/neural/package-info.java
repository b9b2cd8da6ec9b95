/**
 * Forecasting with global recurrent networks: one network (an ensemble of them) trained on the windows of every
 * series of a panel, then forecasting each series from its latest window.
 * <ul>
 *   <li>The method, {@link dev.recur.engine.neural.RecurrentForecaster}, and its settings
 *       ({@link dev.recur.engine.neural.ForecasterSettings}).</li>
 *   <li>Its fitted form ({@link dev.recur.engine.neural.FittedForecaster}), saved and loaded by
 *       {@link dev.recur.engine.neural.ForecasterFiles} (old files keep loading).</li>
 *   <li>The one definition of the networks' input layout ({@link dev.recur.engine.neural.WindowEncoder}: the value,
 *       calendar features ({@code CalendarFeatures}), covariates, the future-step flag), each window's scaling
 *       ({@link dev.recur.engine.neural.Scaling}), the training windows ({@code TrainingWindows}) and their loss weights
 *       ({@link dev.recur.engine.neural.WindowWeights}).</li>
 * </ul>
 * <p>Uses {@code series}, {@code intervals} (split-conformal widths), {@code decomposition}, {@code numeric}, the
 * engine's networks and training ({@code nn}, {@code train}, {@code loss}, {@code data}), {@code codec} (the model
 * file) and {@code io}; never the statistical methods, the default's choice ({@code forecast}), {@code tribuo},
 * {@code onnx} or {@code onnxruntime}.
 */
package dev.recur.engine.neural;
