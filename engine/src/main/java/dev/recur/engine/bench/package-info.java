/**
 * The training-speed benchmark that runs the same workload as the PyTorch peer ({@code recur bench-train}).
 *
 * <p>May depend on {@code nn}, {@code train}, {@code loss}, {@code data} and {@code kernel}.
 */
package dev.recur.engine.bench;
