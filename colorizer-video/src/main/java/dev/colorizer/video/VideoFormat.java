package dev.colorizer.video;

import dev.colorizer.UsageException;
import java.util.Locale;

/**
 * The containers a colored video is written in, all holding H.264: the default is the input's own container where it
 * is one of these (a WebM, an MPEG program stream or a raw stream cannot hold H.264, so they become MP4).
 */
public enum VideoFormat {
    MP4("mp4", "mp4"),
    MKV("matroska", "mkv"),
    MOV("mov", "mov"),
    AVI("avi", "avi");

    private final String muxer;
    private final String extension;

    VideoFormat(String muxer, String extension) {
        this.muxer = muxer;
        this.extension = extension;
    }

    /** FFmpeg's name of the muxer. */
    public String muxer() {
        return muxer;
    }

    /** The file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The choices, for messages and help. */
    public static final String CHOICES = "mp4, mkv, mov or avi";

    /**
     * The format a user named: mp4, mkv, mov or avi, in any case.
     *
     * @param option the option's name, for the message
     */
    public static VideoFormat of(String name, String option) {
        for (VideoFormat f : values()) {
            if (f.extension.equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new UsageException(option + " " + name + " is not a video format: use " + CHOICES);
    }

    /**
     * The input's own container where it can hold H.264, else MP4.
     *
     * @param demuxer   FFmpeg's name of the input's demuxer (e.g. "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm")
     * @param extension the input file's extension, lower case, without the dot
     */
    static VideoFormat keeping(String demuxer, String extension) {
        if (demuxer.startsWith("mov,")) {
            return extension.equals("mov") ? MOV : MP4;
        }
        if (demuxer.startsWith("matroska")) {
            return extension.equals("webm") ? MP4 : MKV; // WebM holds only VP8/VP9/AV1
        }
        if (demuxer.equals("avi")) {
            return AVI;
        }
        return MP4;
    }
}
