/**
 * Training data for networks: sequences of inputs and their targets ({@link dev.recur.engine.data.SequenceDataset})
 * and the shape and finiteness checks shared with the networks ({@link dev.recur.engine.data.SequenceChecks}).
 *
 * <p>Depends on nothing else of Recur.
 */
package dev.recur.engine.data;
