/**
 * Training losses and their gradients: MSE, MAE, Huber and the pinball loss of quantile outputs.
 *
 * <p>May depend on {@code io} (message text) only.
 */
package dev.recur.engine.loss;
