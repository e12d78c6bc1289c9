/**
 * General file utilities every other package may use, below data and run: the one atomic writer
 * ({@link dev.colorizer.io.AtomicFiles}), the one JSON mapper ({@link dev.colorizer.io.Json}) and paths named as the
 * user named them ({@link dev.colorizer.io.RealPath}).
 */
package dev.colorizer.io;
