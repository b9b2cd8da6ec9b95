/**
 * Recurrent networks: the architecture ({@link dev.recur.engine.nn.NetworkSpec}), the flat parameter layout
 * shared with PyTorch's names ({@link dev.recur.engine.nn.ParameterLayout}), the forward pass and
 * backpropagation through time for RNN, LSTM and GRU cells, stacked and bidirectional
 * ({@link dev.recur.engine.nn.RecurrentNetwork}, {@link dev.recur.engine.nn.GradientComputer}), and stateful
 * step-by-step inference ({@link dev.recur.engine.nn.StatefulPredictor}). Computes in float32.
 *
 * <p>May depend on {@code kernel}, {@code loss}, {@code data}, {@code parallel} and {@code io}.
 */
package dev.recur.engine.nn;
