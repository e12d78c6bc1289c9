package dev.colorizer.server;

/**
 * The body of every error answer: {@code {"error": "busy", "detail": "..."}}.
 *
 * @param error a short stable code a program can switch on, e.g. {@code too_many_pixels}
 * @param detail one sentence for a person: what was wrong and what to do
 */
public record ApiError(String error, String detail) {}
