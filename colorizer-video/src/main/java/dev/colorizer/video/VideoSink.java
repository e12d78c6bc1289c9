package dev.colorizer.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_SPHERICAL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_STEREO3D;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_new;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR0;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_get_media_type_string;
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
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The colored video being written: H.264 (libx264, constant rate factor) in place of the source's video stream, every
 * sound and subtitle stream the container can hold copied packet for packet, the container's and the streams'
 * metadata (creation time, title, language) and the video's display rotation, sample aspect ratio and time base kept.
 * Frames keep their presentation times, so a variable frame rate stays as it was.
 */
final class VideoSink implements AutoCloseable {
    private final Path file;
    private AVFormatContext muxer;
    private AVCodecContext encoder;
    private final int[] streamMap; // source stream index -> output stream index, -1 when left out
    private final int videoOut;
    private final AVFrame rgb = av_frame_alloc();
    private final AVFrame yuv = av_frame_alloc();
    private SwsContext toYuv;
    private final AVPacket encoded = av_packet_alloc();
    private final Geometry geometry;

    /** The video stream written: frame size, time base of the frames' times, nominal frame rate, pixel shape. */
    record Geometry(int width, int height, AVRational timeBase, AVRational frameRate, AVRational sampleAspect) {
        static Geometry of(VideoSource source) {
            return new Geometry(source.width(), source.height(), source.timeBase(), source.frameRate(),
                    source.sampleAspectRatio());
        }
    }

    /**
     * Opens {@code file} for writing (it is replaced): the colored video, and the other streams of {@code source}.
     *
     * @param source the video whose sound, subtitles, metadata and rotation are copied, or null for none
     * @param leftOut one line per source stream that the container cannot hold, appended
     */
    VideoSink(Path file, VideoFormat format, Geometry geometry, VideoSource source, int crf, String preset,
              List<String> leftOut) {
        this.file = file;
        this.geometry = geometry;
        Ffmpeg.init();
        try {
            muxer = new AVFormatContext(null);
            Ffmpeg.check(avformat_alloc_output_context2(muxer, null, format.muxer(), file.toString()), file,
                    "cannot be written as " + format.extension(), "choose another --format");
            int w = geometry.width();
            int h = geometry.height();
            AVCodec x264 = avcodec_find_encoder_by_name("libx264");
            encoder = avcodec_alloc_context3(x264);
            encoder.width(w);
            encoder.height(h);
            // 4:2:0 halves the color planes, so it needs an even width and height; other sizes are kept in 4:4:4
            encoder.pix_fmt(w % 2 == 0 && h % 2 == 0 ? AV_PIX_FMT_YUV420P : AV_PIX_FMT_YUV444P);
            encoder.time_base(geometry.timeBase());
            encoder.framerate(geometry.frameRate());
            encoder.sample_aspect_ratio(geometry.sampleAspect());
            boolean hd = h >= 720;
            encoder.color_range(AVCOL_RANGE_MPEG);
            encoder.colorspace(hd ? AVCOL_SPC_BT709 : AVCOL_SPC_SMPTE170M);
            encoder.color_primaries(hd ? AVCOL_PRI_BT709 : AVCOL_PRI_SMPTE170M);
            encoder.color_trc(hd ? AVCOL_TRC_BT709 : AVCOL_TRC_SMPTE170M);
            encoder.thread_count(0);
            if ((muxer.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
                encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            }
            AVDictionary options = new AVDictionary(null);
            av_dict_set(options, "crf", Integer.toString(crf), 0);
            av_dict_set(options, "preset", preset, 0);
            int opened = avcodec_open2(encoder, x264, options);
            av_dict_free(options);
            Ffmpeg.check(opened, file, "the H.264 encoder refused this video (" + w + "×" + h + ")",
                    "check --crf and the frame size");
            AVStream video = avformat_new_stream(muxer, null);
            Ffmpeg.check(avcodec_parameters_from_context(video.codecpar(), encoder), file,
                    "cannot describe its video stream", "report it");
            video.time_base(encoder.time_base());
            video.sample_aspect_ratio(encoder.sample_aspect_ratio());
            videoOut = video.index();
            AVFormatContext in = source == null ? null : source.format();
            streamMap = new int[in == null ? 0 : in.nb_streams()];
            Arrays.fill(streamMap, -1);
            if (in != null) {
                for (int i = 0; i < in.nb_streams(); i++) {
                    AVStream is = in.streams(i);
                    AVCodecParameters par = is.codecpar();
                    int type = par.codec_type();
                    if (i == source.videoIndex()) {
                        AVStream os = muxer.streams(videoOut);
                        os.avg_frame_rate(is.avg_frame_rate());
                        copyMetadata(is, os);
                        for (int kept : new int[] {AV_PKT_DATA_DISPLAYMATRIX, AV_PKT_DATA_STEREO3D,
                                AV_PKT_DATA_SPHERICAL}) {
                            copySideData(par, os.codecpar(), kept);
                        }
                        streamMap[i] = videoOut;
                    } else if (type == AVMEDIA_TYPE_AUDIO || type == AVMEDIA_TYPE_SUBTITLE) {
                        if (avformat_query_codec(muxer.oformat(), par.codec_id(), 0) != 1) {
                            leftOut.add("its " + av_get_media_type_string(type).getString() + " stream #" + i + " ("
                                    + avcodec_get_name(par.codec_id()).getString() + ") cannot be held by "
                                    + format.extension() + ": left out");
                            continue;
                        }
                        AVStream os = avformat_new_stream(muxer, null);
                        Ffmpeg.check(avcodec_parameters_copy(os.codecpar(), par), file, "cannot copy stream #" + i,
                                "report it");
                        os.codecpar().codec_tag(0); // the container picks its own tag for the codec
                        os.time_base(is.time_base());
                        os.disposition(is.disposition());
                        copyMetadata(is, os);
                        streamMap[i] = os.index();
                    } else {
                        leftOut.add("its " + (type < 0 ? "unknown" : av_get_media_type_string(type).getString())
                                + " stream #" + i + " is neither picture, sound nor subtitles: left out");
                    }
                }
                AVDictionary tags = new AVDictionary(null);
                av_dict_copy(tags, in.metadata(), 0);
                muxer.metadata(tags);
            }
            if ((muxer.oformat().flags() & AVFMT_NOFILE) == 0) {
                AVIOContext io = new AVIOContext(null);
                Ffmpeg.check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), file, "cannot be written",
                        "check that the folder is writable and the disk has space");
                muxer.pb(io);
            }
            Ffmpeg.check(avformat_write_header(muxer, (PointerPointer<?>) null), file,
                    "cannot start the video file", "check that the disk has space, or choose another --format");
            rgb.format(AV_PIX_FMT_BGR0);
            rgb.width(w);
            rgb.height(h);
            yuv.format(encoder.pix_fmt());
            yuv.width(w);
            yuv.height(h);
            Ffmpeg.check(av_frame_get_buffer(rgb, 0), file, "no memory for a frame", "free memory");
            Ffmpeg.check(av_frame_get_buffer(yuv, 0), file, "no memory for a frame", "free memory");
            yuv.color_range(encoder.color_range());
            yuv.colorspace(encoder.colorspace());
            yuv.color_primaries(encoder.color_primaries());
            yuv.color_trc(encoder.color_trc());
            toYuv = sws_getCachedContext(null, w, h, AV_PIX_FMT_BGR0, w, h, encoder.pix_fmt(), SWS_BICUBIC, null,
                    null, (double[]) null);
            IntPointer matrix = sws_getCoefficients(encoder.colorspace());
            sws_setColorspaceDetails(toYuv, matrix, 1, matrix, 0, 0, 1 << 16, 1 << 16);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static void copyMetadata(AVStream from, AVStream to) {
        AVDictionary tags = new AVDictionary(null);
        av_dict_copy(tags, from.metadata(), 0);
        to.metadata(tags);
    }

    // the source stream's side data of one type (a display matrix: the rotation) added to the output stream's
    private static void copySideData(AVCodecParameters from, AVCodecParameters to, int type) {
        AVPacketSideData found = av_packet_side_data_get(from.coded_side_data(), from.nb_coded_side_data(), type);
        if (found == null) {
            return;
        }
        AVPacketSideData list = to.coded_side_data() == null ? new AVPacketSideData(null) : to.coded_side_data();
        IntPointer count = new IntPointer(1).put(to.nb_coded_side_data());
        AVPacketSideData added = av_packet_side_data_new(list, count, type, found.size(), 0);
        if (added != null) {
            Pointer.memcpy(added.data(), found.data(), found.size());
            to.coded_side_data(list);
            to.nb_coded_side_data(count.get());
        }
    }

    /** Encodes one colored frame (TYPE_INT_RGB at the source's size) at presentation time pts. */
    void write(BufferedImage picture, long pts) {
        int w = geometry.width();
        int h = geometry.height();
        int[] pixels = ((DataBufferInt) picture.getRaster().getDataBuffer()).getData();
        Ffmpeg.check(av_frame_make_writable(rgb), file, "no memory for a frame", "free memory");
        Ffmpeg.check(av_frame_make_writable(yuv), file, "no memory for a frame", "free memory");
        int stride = rgb.linesize(0);
        IntBuffer rows = rgb.data(0).capacity((long) stride * h).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN)
                .asIntBuffer();
        for (int y = 0; y < h; y++) {
            rows.position(y * stride / 4);
            rows.put(pixels, y * w, w);
        }
        sws_scale(toYuv, rgb.data(), rgb.linesize(), 0, h, yuv.data(), yuv.linesize());
        yuv.pts(pts);
        send(yuv);
    }

    /** Copies one packet of a source stream other than the video (left out when the container cannot hold it). */
    void copy(AVPacket packet, AVStream from) {
        int out = streamMap[packet.stream_index()];
        if (out < 0) {
            return;
        }
        av_packet_rescale_ts(packet, from.time_base(), muxer.streams(out).time_base());
        packet.stream_index(out);
        packet.pos(-1);
        Ffmpeg.check(av_interleaved_write_frame(muxer, packet), file, "cannot write its sound or subtitles",
                "check that the disk has space");
    }

    /** Flushes the encoder and ends the file. */
    void finish() {
        send(null);
        Ffmpeg.check(av_write_trailer(muxer), file, "cannot end the video file", "check that the disk has space");
    }

    // one frame (null: the end) into the encoder, every packet it completes into the file
    private void send(AVFrame frame) {
        Ffmpeg.check(avcodec_send_frame(encoder, frame), file, "the H.264 encoder refused a frame", "report it");
        while (true) {
            int r = avcodec_receive_packet(encoder, encoded);
            if (r == AVERROR_EAGAIN() || r == AVERROR_EOF) {
                return;
            }
            Ffmpeg.check(r, file, "the H.264 encoder failed", "report it");
            av_packet_rescale_ts(encoded, encoder.time_base(), muxer.streams(videoOut).time_base());
            encoded.stream_index(videoOut);
            Ffmpeg.check(av_interleaved_write_frame(muxer, encoded), file, "cannot write its frames",
                    "check that the disk has space");
            av_packet_unref(encoded);
        }
    }

    @Override
    public void close() {
        av_frame_free(rgb);
        av_frame_free(yuv);
        av_packet_free(encoded);
        if (toYuv != null) {
            sws_freeContext(toYuv);
            toYuv = null;
        }
        if (encoder != null) {
            avcodec_free_context(encoder);
            encoder = null;
        }
        if (muxer != null) {
            if (muxer.pb() != null && (muxer.oformat().flags() & AVFMT_NOFILE) == 0) {
                avio_closep(muxer.pb());
            }
            avformat_free_context(muxer);
            muxer = null;
        }
    }
}
