/** Colorization architectures as DJL block factories, and how each one encodes its inputs and targets. */
package dev.colorizer.model;
