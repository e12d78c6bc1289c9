/** Evaluation: per-image quality metrics (MSE, PSNR, SSIM, colorfulness) and side-by-side comparison grids. */
package dev.colorizer.eval;
