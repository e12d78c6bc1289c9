package dev.colorizer.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_frame_rate;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_sample_aspect_ratio;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR0;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import dev.colorizer.ColorizerException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A video file opened for reading: its container (every stream's packets, in file order) and its video stream's
 * decoder, whose frames come out as sRGB pictures at the stream's coded size with their presentation times.
 */
final class VideoSource implements AutoCloseable {
    /** Receives decoded frames in presentation order. */
    interface FrameSink {
        void frame(BufferedImage picture, long pts);
    }

    private final Path file;
    private AVFormatContext format;
    private AVCodecContext decoder;
    private final int videoIndex;
    private final AVFrame decoded = av_frame_alloc();
    private final AVFrame rgb = av_frame_alloc();
    private SwsContext toRgb;
    private long lastPts = Long.MIN_VALUE;
    private int damagedPackets;

    VideoSource(Path file) {
        Ffmpeg.init();
        this.file = file;
        if (!Files.isRegularFile(file)) {
            throw new ColorizerException(file, Files.exists(file) ? "is not a file: name a video file"
                    : "no such file: check the path");
        }
        if (!Files.isReadable(file)) {
            throw new ColorizerException(file, "cannot be read: check its permissions");
        }
        try {
            format = new AVFormatContext(null);
            Ffmpeg.check(avformat_open_input(format, file.toString(), null, null), file,
                    "is not a video FFmpeg can read", "check that it is a video file (MP4, MOV, AVI, MKV, WebM, "
                            + "MPEG) and that it is complete");
            Ffmpeg.check(avformat_find_stream_info(format, (PointerPointer<?>) null), file,
                    "its streams cannot be read", "check that the file is complete");
            videoIndex = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (videoIndex < 0) {
                throw new ColorizerException(file, "holds no video stream (only sound or data): name a video "
                        + "with moving pictures");
            }
            AVCodecParameters par = stream().codecpar();
            AVCodec codec = avcodec_find_decoder(par.codec_id());
            if (codec == null) {
                throw new ColorizerException(file, "its video codec (id " + par.codec_id() + ") cannot be decoded "
                        + "here: convert it to H.264 or MJPEG first");
            }
            decoder = avcodec_alloc_context3(codec);
            Ffmpeg.check(avcodec_parameters_to_context(decoder, par), file, "its video stream cannot be set up",
                    "check that the file is complete");
            decoder.pkt_timebase(stream().time_base());
            decoder.thread_count(0); // FFmpeg picks: frame threads on every core
            Ffmpeg.check(avcodec_open2(decoder, codec, (PointerPointer<?>) null), file,
                    "its video codec cannot be opened", "convert it to H.264 first");
            if (decoder.width() <= 0 || decoder.height() <= 0) {
                throw new ColorizerException(file, "its video stream has no frame size: check that the file is "
                        + "complete");
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    Path file() {
        return file;
    }

    AVFormatContext format() {
        return format;
    }

    int videoIndex() {
        return videoIndex;
    }

    AVStream stream() {
        return format.streams(videoIndex);
    }

    /** The coded frame size (every frame is brought to it). */
    int width() {
        return decoder.width();
    }

    int height() {
        return decoder.height();
    }

    AVRational timeBase() {
        return stream().time_base();
    }

    AVRational frameRate() {
        return av_guess_frame_rate(format, stream(), null);
    }

    AVRational sampleAspectRatio() {
        return av_guess_sample_aspect_ratio(format, stream(), null);
    }

    /** The display rotation in degrees (counter-clockwise, as FFmpeg gives it), 0 without one. */
    double rotation() {
        AVCodecParameters par = stream().codecpar();
        AVPacketSideData sd = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(),
                AV_PKT_DATA_DISPLAYMATRIX);
        if (sd == null || sd.size() < 36) {
            return 0;
        }
        double degrees = av_display_rotation_get(new IntPointer(sd.data()));
        return Double.isNaN(degrees) ? 0 : degrees;
    }

    /** The number of frames the container announces, else its duration times the frame rate; 0 when unknown. */
    long expectedFrames() {
        long n = stream().nb_frames();
        if (n > 0) {
            return n;
        }
        AVRational rate = frameRate();
        if (format.duration() > 0 && rate.num() > 0 && rate.den() > 0) {
            return Math.round(format.duration() / 1e6 * rate.num() / rate.den());
        }
        return 0;
    }

    /** Packets the decoder refused as damaged (skipped, as FFmpeg's own tools do). */
    int damagedPackets() {
        return damagedPackets;
    }

    /** The next packet of any stream, or false at the end of the file. */
    boolean read(AVPacket packet) {
        int r = av_read_frame(format, packet);
        if (r == AVERROR_EOF) {
            return false;
        }
        return Ffmpeg.check(r, file, "cannot be read further", "check that the file is complete and the disk "
                + "readable") >= 0;
    }

    /**
     * Decodes one packet of the video stream (null: the end, flushing the decoder) and hands over every frame it
     * completes. A packet the decoder refuses is counted and skipped.
     */
    void decode(AVPacket packet, FrameSink sink) {
        int sent = avcodec_send_packet(decoder, packet);
        if (sent < 0 && sent != AVERROR_EAGAIN() && sent != AVERROR_EOF) {
            damagedPackets++;
            return;
        }
        while (true) {
            int r = avcodec_receive_frame(decoder, decoded);
            if (r == AVERROR_EAGAIN() || r == AVERROR_EOF) {
                return;
            }
            if (r < 0) {
                damagedPackets++;
                return;
            }
            long pts = decoded.best_effort_timestamp();
            if (pts == AV_NOPTS_VALUE) {
                pts = lastPts == Long.MIN_VALUE ? 0 : lastPts + Math.max(1, decoded.duration());
            }
            if (pts <= lastPts) { // a repeated or backward time would stop the encoder: nudged, order kept
                pts = lastPts + 1;
            }
            lastPts = pts;
            BufferedImage picture = toPicture(decoded);
            av_frame_unref(decoded);
            sink.frame(picture, pts);
        }
    }

    // the frame as TYPE_INT_RGB at the coded size: converted (and scaled, if the size changed) by swscale, its
    // YUV read with the matrix and range it declares (BT.601 when it declares none)
    private BufferedImage toPicture(AVFrame frame) {
        int w = width();
        int h = height();
        if (rgb.width() != w || rgb.height() != h) {
            av_frame_unref(rgb);
            rgb.format(AV_PIX_FMT_BGR0); // bytes B, G, R, 0: read as little-endian ints, 0x00RRGGBB
            rgb.width(w);
            rgb.height(h);
            Ffmpeg.check(av_frame_get_buffer(rgb, 0), file, "no memory for a frame", "free memory or close "
                    + "other programs");
        }
        toRgb = sws_getCachedContext(toRgb, frame.width(), frame.height(), frame.format(), w, h, AV_PIX_FMT_BGR0,
                SWS_BICUBIC, null, null, (double[]) null);
        if (toRgb == null) {
            throw new ColorizerException(file, "its frames' pixel format (" + frame.format() + ") cannot be "
                    + "converted: convert the video to H.264 first");
        }
        int format = frame.format();
        boolean fullRange = frame.color_range() == AVCOL_RANGE_JPEG || format == AV_PIX_FMT_YUVJ420P
                || format == AV_PIX_FMT_YUVJ422P || format == AV_PIX_FMT_YUVJ444P;
        IntPointer matrix = sws_getCoefficients(frame.colorspace()); // unspecified: BT.601
        sws_setColorspaceDetails(toRgb, matrix, fullRange ? 1 : 0, sws_getCoefficients(frame.colorspace()), 1,
                0, 1 << 16, 1 << 16);
        sws_scale(toRgb, frame.data(), frame.linesize(), 0, frame.height(), rgb.data(), rgb.linesize());
        BufferedImage picture = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) picture.getRaster().getDataBuffer()).getData();
        int stride = rgb.linesize(0);
        IntBuffer rows = rgb.data(0).capacity((long) stride * h).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN)
                .asIntBuffer();
        for (int y = 0; y < h; y++) {
            rows.position(y * stride / 4);
            rows.get(pixels, y * w, w);
        }
        return picture;
    }

    @Override
    public void close() {
        av_frame_free(decoded);
        av_frame_free(rgb);
        if (toRgb != null) {
            sws_freeContext(toRgb);
            toRgb = null;
        }
        if (decoder != null) {
            avcodec_free_context(decoder);
            decoder = null;
        }
        if (format != null) {
            avformat_close_input(format);
            format = null;
        }
    }
}
