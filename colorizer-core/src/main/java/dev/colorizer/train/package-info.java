/** The training loop, its resumable optimizer, checkpoints and one small listener per concern. */
package dev.colorizer.train;
