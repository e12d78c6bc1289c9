/** The colorizer library: grayscale photographs in, color photographs out, with trainable conv autoencoders. */
package dev.colorizer;
