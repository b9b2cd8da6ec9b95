/**
 * File output and message text shared by the engine, the connectors and the command line: atomic and staged
 * writes with cleanup of temporary files ({@link dev.recur.engine.io.AtomicFile}), the checksum of model files
 * ({@link dev.recur.engine.io.Checksums}), and values made safe for one-line messages
 * ({@link dev.recur.engine.io.Shorten}).
 *
 * <p>Depends on nothing else of Recur.
 */
package dev.recur.engine.io;
