/** The {@code colorize} command line: translates options to library calls and outcomes to exit codes. */
package dev.colorizer.cli;
