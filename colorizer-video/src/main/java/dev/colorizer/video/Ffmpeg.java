package dev.colorizer.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import dev.colorizer.ColorizerException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** What every use of FFmpeg shares: its own log silenced (problems are reported as ours), its error codes in words. */
final class Ffmpeg {
    private Ffmpeg() {}

    static {
        av_log_set_level(AV_LOG_QUIET); // FFmpeg would print to stderr; what matters is reported once, as one line
    }

    /** Loads the natives and silences the log; safe to call often. */
    static void init() {
        // the static initialiser does the work
    }

    /** FFmpeg's words for an error code (a negative return value). */
    static String error(int code) {
        byte[] buffer = new byte[256];
        av_strerror(code, buffer, buffer.length);
        int end = 0;
        while (end < buffer.length && buffer[end] != 0) {
            end++;
        }
        return new String(buffer, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * The return value, or a {@link ColorizerException} naming the file when it is an error.
     *
     * @param doing what was tried, e.g. "cannot read its frames"
     * @param fix   what the user can do
     */
    static int check(int code, Path file, String doing, String fix) {
        if (code < 0) {
            throw new ColorizerException(file, doing + " (" + error(code) + "): " + fix);
        }
        return code;
    }
}
