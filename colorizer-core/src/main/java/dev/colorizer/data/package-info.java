/** Training data: image decoding and resizing, dataset folder discovery, the on-disk sample cache, train/val split. */
package dev.colorizer.data;
