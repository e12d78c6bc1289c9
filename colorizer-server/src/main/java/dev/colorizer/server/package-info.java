/** The HTTP API and web page of the colorizer: a Javalin app built from a trained model. */
package dev.colorizer.server;
