/** Colorizer: any picture in, the same picture in color out, at full resolution; used by every front end. */
package dev.colorizer.infer;
