/**
 * A fixed pool of worker threads for data-parallel training and inference, sized once so that nested work
 * does not oversubscribe the cores.
 *
 * <p>Depends on nothing else of Recur.
 */
package dev.recur.engine.parallel;
