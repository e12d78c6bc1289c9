package dev.colorizer.video;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Small clips made in the tests (no media is downloaded): frames from a function, an optional sine tone, container
 * metadata; and the clips read back frame by frame.
 */
final class TestClips {
    private TestClips() {}

    /** What a clip holds. */
    record Spec(String muxer, String videoCodec, int width, int height, int fps, int frames,
                IntFunction<BufferedImage> frame, IntToLongFunction pts, boolean sound, String title, int rotation) {
        static Spec of(int width, int height, int fps, int frames, IntFunction<BufferedImage> frame) {
            return new Spec("matroska", "mpeg4", width, height, fps, frames, frame, i -> i, false, null, 0);
        }

        Spec in(String muxerName, String codec) {
            return new Spec(muxerName, codec, width, height, fps, frames, frame, pts, sound, title, rotation);
        }

        Spec withSound() {
            return new Spec(muxer, videoCodec, width, height, fps, frames, frame, pts, true, title, rotation);
        }

        Spec withTitle(String t) {
            return new Spec(muxer, videoCodec, width, height, fps, frames, frame, pts, sound, t, rotation);
        }

        /** Presentation times in units of 1/fps (a variable frame rate when they are not every unit). */
        Spec withTimes(IntToLongFunction times) {
            return new Spec(muxer, videoCodec, width, height, fps, frames, frame, times, sound, title, rotation);
        }

        /** A display rotation, degrees counter-clockwise. */
        Spec rotated(int degrees) {
            return new Spec(muxer, videoCodec, width, height, fps, frames, frame, pts, sound, title, degrees);
        }
    }

    static void write(Path file, Spec spec) {
        Ffmpeg.init();
        AVFormatContext out = new AVFormatContext(null);
        check(avformat_alloc_output_context2(out, null, spec.muxer(), file.toString()));
        AVCodec codec = avcodec_find_encoder_by_name(spec.videoCodec());
        AVCodecContext enc = avcodec_alloc_context3(codec);
        enc.width(spec.width());
        enc.height(spec.height());
        enc.pix_fmt(spec.videoCodec().equals("mjpeg") ? AV_PIX_FMT_YUVJ420P
                : spec.width() % 2 == 1 || spec.height() % 2 == 1 ? AV_PIX_FMT_YUV444P : AV_PIX_FMT_YUV420P);
        enc.time_base(av_make_q(1, spec.fps()));
        enc.framerate(av_make_q(spec.fps(), 1));
        enc.gop_size(12);
        enc.bit_rate(4_000_000);
        if ((out.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
            enc.flags(enc.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        check(avcodec_open2(enc, codec, (AVDictionary) null));
        AVStream vs = avformat_new_stream(out, null);
        check(avcodec_parameters_from_context(vs.codecpar(), enc));
        vs.time_base(enc.time_base());
        if (spec.rotation() != 0) {
            org.bytedeco.ffmpeg.avcodec.AVPacketSideData list = new org.bytedeco.ffmpeg.avcodec.AVPacketSideData(null);
            org.bytedeco.javacpp.IntPointer count = new org.bytedeco.javacpp.IntPointer(1).put(0);
            var matrix = av_packet_side_data_new(list, count, AV_PKT_DATA_DISPLAYMATRIX, 36, 0);
            av_display_rotation_set(new org.bytedeco.javacpp.IntPointer(matrix.data()), spec.rotation());
            vs.codecpar().coded_side_data(list);
            vs.codecpar().nb_coded_side_data(count.get());
        }
        AVCodecContext audio = null;
        AVStream as = null;
        if (spec.sound()) {
            AVCodec pcm = avcodec_find_encoder_by_name("pcm_s16le");
            audio = avcodec_alloc_context3(pcm);
            audio.sample_fmt(AV_SAMPLE_FMT_S16);
            audio.sample_rate(8000);
            av_channel_layout_default(audio.ch_layout(), 1);
            audio.time_base(av_make_q(1, 8000));
            check(avcodec_open2(audio, pcm, (AVDictionary) null));
            as = avformat_new_stream(out, null);
            check(avcodec_parameters_from_context(as.codecpar(), audio));
            as.time_base(audio.time_base());
        }
        if (spec.title() != null) {
            AVDictionary tags = new AVDictionary(null);
            av_dict_set(tags, "title", spec.title(), 0);
            av_dict_set(tags, "creation_time", "1962-07-14T10:30:00.000000Z", 0);
            out.metadata(tags);
        }
        AVIOContext io = new AVIOContext(null);
        check(avio_open(io, file.toString(), AVIO_FLAG_WRITE));
        out.pb(io);
        check(avformat_write_header(out, (PointerPointer<?>) null));
        AVFrame rgb = av_frame_alloc();
        rgb.format(AV_PIX_FMT_BGR0);
        rgb.width(spec.width());
        rgb.height(spec.height());
        check(av_frame_get_buffer(rgb, 0));
        AVFrame yuv = av_frame_alloc();
        yuv.format(enc.pix_fmt());
        yuv.width(spec.width());
        yuv.height(spec.height());
        check(av_frame_get_buffer(yuv, 0));
        SwsContext sws = sws_getContext(spec.width(), spec.height(), AV_PIX_FMT_BGR0, spec.width(), spec.height(),
                enc.pix_fmt(), SWS_BICUBIC, null, null, (double[]) null);
        AVPacket pkt = av_packet_alloc();
        int samplesPerFrame = 8000 / spec.fps();
        for (int i = 0; i < spec.frames(); i++) {
            BufferedImage picture = spec.frame().apply(i);
            int[] px = ((DataBufferInt) picture.getRaster().getDataBuffer()).getData();
            check(av_frame_make_writable(rgb));
            check(av_frame_make_writable(yuv));
            IntBuffer rows = rgb.data(0).capacity((long) rgb.linesize(0) * spec.height()).asByteBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
            for (int y = 0; y < spec.height(); y++) {
                rows.position(y * rgb.linesize(0) / 4);
                rows.put(px, y * spec.width(), spec.width());
            }
            sws_scale(sws, rgb.data(), rgb.linesize(), 0, spec.height(), yuv.data(), yuv.linesize());
            yuv.pts(spec.pts().applyAsLong(i));
            encode(out, enc, yuv, vs, pkt);
            if (audio != null) {
                AVFrame tone = av_frame_alloc();
                tone.format(AV_SAMPLE_FMT_S16);
                tone.sample_rate(8000);
                av_channel_layout_default(tone.ch_layout(), 1);
                tone.nb_samples(samplesPerFrame);
                check(av_frame_get_buffer(tone, 0));
                short[] samples = new short[samplesPerFrame];
                for (int k = 0; k < samplesPerFrame; k++) {
                    samples[k] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (i * samplesPerFrame + k) / 8000.0));
                }
                tone.data(0).capacity(2L * samplesPerFrame).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN)
                        .asShortBuffer().put(samples);
                tone.pts((long) i * samplesPerFrame);
                encode(out, audio, tone, as, pkt);
                av_frame_free(tone);
            }
        }
        encode(out, enc, null, vs, pkt);
        if (audio != null) {
            encode(out, audio, null, as, pkt);
        }
        check(av_write_trailer(out));
        avio_closep(out.pb());
        av_packet_free(pkt);
        av_frame_free(rgb);
        av_frame_free(yuv);
        sws_freeContext(sws);
        avcodec_free_context(enc);
        if (audio != null) {
            avcodec_free_context(audio);
        }
        avformat_free_context(out);
    }

    private static void encode(AVFormatContext out, AVCodecContext enc, AVFrame frame, AVStream stream, AVPacket pkt) {
        check(avcodec_send_frame(enc, frame));
        while (true) {
            int r = avcodec_receive_packet(enc, pkt);
            if (r == AVERROR_EAGAIN() || r == AVERROR_EOF) {
                return;
            }
            check(r);
            av_packet_rescale_ts(pkt, enc.time_base(), stream.time_base());
            pkt.stream_index(stream.index());
            check(av_interleaved_write_frame(out, pkt));
        }
    }

    /** A clip's frames and times, decoded in order. */
    record Decoded(List<BufferedImage> frames, List<Long> pts, int width, int height, double rotation) {}

    static Decoded read(Path file) {
        List<BufferedImage> frames = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        try (VideoSource source = new VideoSource(file)) {
            AVPacket packet = av_packet_alloc();
            while (source.read(packet)) {
                if (packet.stream_index() == source.videoIndex()) {
                    source.decode(packet, (p, t) -> {
                        frames.add(p);
                        times.add(t);
                    });
                }
                av_packet_unref(packet);
            }
            source.decode(null, (p, t) -> {
                frames.add(p);
                times.add(t);
            });
            av_packet_free(packet);
            return new Decoded(frames, times, source.width(), source.height(), source.rotation());
        }
    }

    /** The number of streams of each type in a file: {video, audio, subtitle}, and the container's title. */
    static String streams(Path file) {
        try (VideoSource source = new VideoSource(file)) {
            AVFormatContext f = source.format();
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < f.nb_streams(); i++) {
                int type = f.streams(i).codecpar().codec_type();
                s.append(av_get_media_type_string(type).getString()).append(':')
                        .append(avcodec_get_name(f.streams(i).codecpar().codec_id()).getString()).append(' ');
            }
            AVRational tb = source.timeBase();
            return s.toString().trim() + " tb=" + tb.num() + "/" + tb.den();
        }
    }

    /** A digest of every packet of the first audio stream, in order: the same when the sound was copied untouched. */
    static String soundDigest(Path file) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        try (VideoSource source = new VideoSource(file)) {
            int audio = av_find_best_stream(source.format(), AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
            AVPacket packet = av_packet_alloc();
            int n = 0;
            while (source.read(packet)) {
                if (packet.stream_index() == audio) {
                    byte[] data = new byte[packet.size()];
                    packet.data().get(data);
                    md.update(data);
                    n++;
                }
                av_packet_unref(packet);
            }
            av_packet_free(packet);
            return n + " packets " + java.util.HexFormat.of().formatHex(md.digest());
        }
    }

    /** The video stream's nominal frame rate, "num/den". */
    static String frameRate(Path file) {
        try (VideoSource source = new VideoSource(file)) {
            AVRational r = source.frameRate();
            return r.num() + "/" + r.den();
        }
    }

    /** A tag of the container's metadata (title, creation_time), or null. */
    static String tag(Path file, String key) {
        try (VideoSource source = new VideoSource(file)) {
            var entry = av_dict_get(source.format().metadata(), key, null, 0);
            return entry == null ? null : entry.value().getString();
        }
    }

    private static void check(int r) {
        if (r < 0) {
            throw new IllegalStateException("FFmpeg: " + Ffmpeg.error(r));
        }
    }
}
