/** File output shared by the engine and the command line: atomic writes. */
package dev.recur.engine.io;
