/**
 * Training losses and their gradients: MSE, MAE, Huber and the pinball loss of quantile outputs.
 *
 * <p>Depends on nothing else of Recur.
 */
package dev.recur.engine.loss;
