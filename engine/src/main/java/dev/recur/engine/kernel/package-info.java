/**
 * The small kernel layer every hot loop goes through: {@link dev.recur.engine.kernel.Kernels}, with a
 * {@code jdk.incubator.vector} implementation and a plain-Java fallback chosen at run time
 * ({@link dev.recur.engine.kernel.KernelProvider}, as Lucene does).
 *
 * <p>Depends on nothing else of Recur.
 */
package dev.recur.engine.kernel;
