/** A run folder: config.json, metrics.csv, loss.png and checkpoints, each written atomically. */
package dev.colorizer.run;
