/**
 * Training networks: the configuration ({@link dev.recur.engine.train.TrainingConfig}), the optimisers (SGD,
 * Adam, AdamW) and schedules, the training loop with early stopping, gradient clipping and a moving average of
 * the weights ({@link dev.recur.engine.train.NetworkTrainer}), and its history.
 *
 * <p>May depend on {@code nn}, {@code loss}, {@code data}, {@code kernel} and {@code io}.
 */
package dev.recur.engine.train;
