package dev.colorizer.server;

import dev.colorizer.ColorizerException;
import dev.colorizer.Setting;
import dev.colorizer.data.ImageDecodeException;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.data.Picture;
import dev.colorizer.infer.ColorHint;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.HintFile;
import dev.colorizer.infer.Provenance;
import dev.colorizer.infer.ReferenceColors;
import dev.colorizer.infer.Suggestions;
import io.javalin.http.Context;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code POST /api/colorize}: the picture as the raw body or as multipart field {@code image}, or instead multipart
 * field {@code image_id} naming a picture sent before; optional color hints as multipart field {@code hints} (the
 * {@link HintFile} JSON); optionally a color photograph of the same scene as multipart field {@code reference},
 * whose colors reach the picture as hints ({@link ReferenceColors}) before the user's. Answers the colorized picture
 * at the input's full resolution, PNG, JPEG ({@code ?format=jpg}, {@code &quality=} 1..100), TIFF ({@code
 * ?format=tiff}) or the upload's own ({@code ?format=keep}), with the upload's metadata and the record of what made
 * it ({@link Provenance}), with the decoder's warnings in header {@value #WARNINGS_HEADER}, at the model's working
 * size or {@code ?size=}, with header {@value #IMAGE_ID_HEADER} when the decoded picture is kept for re-colorizing
 * ({@link ImageCache}). Every step that can be refused cheaply comes before the expensive ones: a body announced over
 * the limit (refused before this handler, see {@link ColorizeServer}), parameters, admission, the size of the body
 * read, hints, the reference's size from its header, then the picture's pixel count from its header and the hints'
 * positions, and only then decoding. Uploads are kept in memory only. Also {@code POST /api/suggest} ({@link
 * #suggest}), which shares the uploads, their cache and the admission.
 */
final class ColorizeEndpoint {
    /** The answer's header carrying the id to send as field {@code image_id} instead of the same picture again. */
    static final String IMAGE_ID_HEADER = "X-Image-Id";
    private static final String NAME = "upload"; // how messages call the picture: the client's file name is not used
    private static final String HINTS = "field 'hints'"; // how messages call the hints
    private static final String REFERENCE = "field 'reference'"; // how messages call the reference

    /**
     * What a request sends: the picture's bytes or the id of one kept, the hints' JSON or null, the reference's bytes
     * or null.
     */
    private record Sent(byte[] image, String imageId, byte[] hints, byte[] reference) {}

    private final ServerConfig config;
    private final Admission admission;
    private final ImageCache kept;
    private final Supplier<ColorizeServer.Model> model;

    ColorizeEndpoint(ServerConfig config, Supplier<ColorizeServer.Model> model) {
        this.config = config;
        this.admission = new Admission(config.maxInFlight(), config.pixelBudget());
        this.kept = new ImageCache(config.imageCachePixels());
        this.model = model;
    }

    /** The query parameters this endpoint takes: any other (a misspelling, another case) would be ignored. */
    static final List<String> PARAMETERS = List.of("saturation", "format", "quality", "size");
    /**
     * The answer's header listing what the decoder reported on the picture (damaged data, pages not read), each
     * warning as predict prints it, separated by " | "; absent when there is none. Error answers after decoding
     * carry the same list as their JSON's {@code warnings}.
     */
    static final String WARNINGS_HEADER = "Colorizer-Warnings";
    /** The context attribute holding the picture's warnings for an error answered after decoding. */
    static final String WARNINGS = "colorizer.warnings";

    void handle(Context ctx) {
        refuseUnknownParameters(ctx, PARAMETERS);
        ColorizeServer.Model m = model.get();
        // the request's settings: its saturation and working size, the model's weights
        Colorizer colorizer = workingSize(ctx.queryParam("size"), saturation(ctx.queryParam("saturation"),
                m.colorizer()));
        OutputFormat format = ctx.queryParam("format") == null ? OutputFormat.PNG
                : OutputFormat.of(ctx.queryParam("format"), Setting.FORMAT); // UsageException: 400
        float quality = OutputFormat.jpegQuality(quality(ctx.queryParam("quality")), Setting.QUALITY);
        try (Admission.Ticket ticket = admission.enter()) {
            Sent sent = sent(ctx, COLORIZE_FIELDS);
            List<ColorHint> given = hints(sent.hints(), colorizer);
            Dimension referenceSize = referenceSize(sent.reference(), colorizer);
            long deadline = System.nanoTime() + config.timeout().toNanos();
            Upload upload = picture(ctx, sent, ticket, d -> checkInside(given, d),
                    referenceSize == null ? 0 : (long) referenceSize.width * referenceSize.height);
            Picture picture = upload.picture();
            BufferedImage image = picture.rgb();
            // a reference's hints first, the user's after them: a later hint over the same pixels wins
            List<ColorHint> hints = given;
            if (referenceSize != null) {
                List<ColorHint> all = new ArrayList<>(ReferenceColors.hints(colorizer, image,
                        reference(sent.reference())));
                all.addAll(given);
                hints = List.copyOf(all);
            }
            Colorizer.Prepared prepared = colorizer.prepare(picture, hints);
            float[] output = await(m.batcher().submit(prepared), deadline);
            BufferedImage colorized = colorizer.finish(prepared, output).colorized();
            upload.identify(ctx);
            OutputFormat written = format.forPicture(picture.metadata());
            if (ctx.queryParam("quality") != null && !written.mayBeJpeg()) { // said, as the CLI says it
                List<String> warnings = new ArrayList<>(picture.warnings());
                warnings.add("quality applies to JPEG answers only; this one is " + written.extension()
                        + ", so it is ignored (JPEG: format=jpg, or format=keep for a JPEG upload)");
                ctx.header(WARNINGS_HEADER, headerValue(warnings));
            }
            ctx.contentType(written.mediaType())
                    .header("Content-Disposition", "inline; filename=\"colorized." + written.extension() + "\"")
                    .header("Cache-Control", "no-store")
                    .result(ImageFiles.encode(colorized, Provenance.of(colorizer, prepared, written, quality)
                            .stamp(picture.metadata()), written, quality));
        }
    }

    /** The query parameters {@code POST /api/suggest} takes. */
    static final List<String> SUGGEST_PARAMETERS = List.of("count");
    /** How many points {@code POST /api/suggest} gives when the request does not say. */
    static final int DEFAULT_COUNT = 5;

    /**
     * {@code POST /api/suggest}: the picture as for {@code /api/colorize} (raw body, field {@code image} or {@code
     * image_id}), {@code ?count=} points (1..{@value Suggestions#MAX_COUNT}, default {@value #DEFAULT_COUNT}); answers
     * {@link Suggestions#toJson} (the hint format, each point with the color the model shows there now and its
     * uncertainty), with header {@value #IMAGE_ID_HEADER} as {@code /api/colorize} gives it.
     */
    void suggest(Context ctx) {
        refuseUnknownParameters(ctx, SUGGEST_PARAMETERS);
        ColorizeServer.Model m = model.get();
        Colorizer colorizer = m.colorizer();
        int count = count(ctx.queryParam("count"));
        Suggestions.check(colorizer, count); // UsageException: 400 naming the range or the model
        try (Admission.Ticket ticket = admission.enter()) {
            Sent sent = sent(ctx, SUGGEST_FIELDS);
            long deadline = System.nanoTime() + config.timeout().toNanos();
            Upload upload = picture(ctx, sent, ticket, d -> { }, 0);
            Colorizer.Prepared prepared = colorizer.prepare(upload.picture().rgb());
            float[] output = await(m.batcher().submit(prepared), deadline);
            List<Suggestions.Point> points = Suggestions.fromOutputs(colorizer, prepared, count, output);
            upload.identify(ctx);
            ctx.contentType("application/json").header("Cache-Control", "no-store")
                    .result(Suggestions.toJson(points));
        }
    }

    /**
     * A picture sent or kept, decoded, and its id for {@value #IMAGE_ID_HEADER} (null when it is larger than all
     * the cache keeps).
     */
    private record Upload(Picture picture, String id) {
        // the id header, on a success only: the client is to use it once it has its answer
        void identify(Context ctx) {
            if (id != null) {
                ctx.header(IMAGE_ID_HEADER, id);
            }
        }
    }

    /**
     * The picture of a request: kept from before or decoded now, with every cheap refusal first (a gone id, too many
     * pixels from the header, {@code check} on its size), then room for it and {@code morePixels} (a reference)
     * reserved; sets the answer's {@value #WARNINGS_HEADER} header.
     */
    private Upload picture(Context ctx, Sent sent, Admission.Ticket ticket, Consumer<Dimension> check,
                           long morePixels) {
        String id = sent.imageId() != null ? sent.imageId() : ImageCache.id(sent.image());
        Picture picture = kept.get(id); // also a picture sent again as 'image': decoded already
        if (picture == null && sent.imageId() != null) {
            throw new HttpProblem(410, "image_gone", "no picture with image_id " + id + " is kept here (the server"
                    + " keeps its most recent uploads only, and none across restarts): send the picture again as"
                    + " the field 'image'");
        }
        Dimension d = picture != null ? new Dimension(picture.rgb().getWidth(), picture.rgb().getHeight())
                : ImageFiles.readSize(sent.image(), NAME);
        long pixels = (long) d.width * d.height;
        if (pixels > config.maxPixels()) {
            throw HttpProblem.tooManyPixels(d.width, d.height, config.maxPixels());
        }
        check.accept(d);
        ticket.reserve(pixels + morePixels);
        if (picture == null) {
            picture = ImageFiles.readPicture(sent.image(), NAME);
            if (!kept.put(id, picture)) {
                id = null; // larger than the whole cache: the client has to send it again
            }
        }
        if (!picture.warnings().isEmpty()) {
            ctx.attribute(WARNINGS, picture.warnings());
            ctx.header(WARNINGS_HEADER, headerValue(picture.warnings()));
        }
        return new Upload(picture, id);
    }

    // any parameter but these would be ignored (a misspelling, another case): refused
    private static void refuseUnknownParameters(Context ctx, List<String> taken) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!taken.contains(name)) {
                throw HttpProblem.badRequest("unknown parameter '" + name + "': this endpoint takes "
                        + String.join(", ", taken) + " (names are case-sensitive); see /openapi.json");
            }
        }
    }

    // the points asked for, or the default
    private static int count(String asked) {
        Integer count = wholeNumber(asked, "count", "ask for 1 to " + Suggestions.MAX_COUNT + " points, or leave it "
                + "out for " + DEFAULT_COUNT);
        return count == null ? DEFAULT_COUNT : count;
    }

    /**
     * The reference's size from its header, checked (the model takes hints; not tiny; within this server's pixel
     * limit and the matcher's), before anything is decoded; null when the form has no field 'reference'.
     */
    private Dimension referenceSize(byte[] reference, Colorizer colorizer) {
        if (reference == null) {
            return null;
        }
        if (!colorizer.takesHints()) {
            throw new HttpProblem(400, "hints_not_supported", REFERENCE + " is given, but model "
                    + colorizer.architecture().id() + " takes no color hints, through which a reference's colors "
                    + "reach the picture: leave it out, or serve the bundled model or a run trained with --arch "
                    + "unet-hints or unet-bins");
        }
        Dimension d;
        try {
            d = ImageFiles.readSize(reference, REFERENCE);
        } catch (ImageDecodeException e) {
            throw badReference(e.kind() == ImageDecodeException.Kind.TOO_LARGE ? 413 : 400, Wording.message(e));
        }
        if ((long) d.width * d.height > config.maxPixels()) {
            throw badReference(413, REFERENCE + ": a reference of " + d.width + "x" + d.height + " has more than the "
                    + HttpProblem.pixels(config.maxPixels()) + " this server accepts: send a smaller copy (it "
                    + "matches as well)");
        }
        try {
            ReferenceColors.checkSize(d.width, d.height, REFERENCE);
        } catch (ColorizerException e) {
            throw badReference(400, Wording.message(e));
        }
        return d;
    }

    // the reference decoded (its size checked before) and checked for color
    private static BufferedImage reference(byte[] bytes) {
        try {
            BufferedImage reference = ImageFiles.readRgb(bytes, REFERENCE);
            ReferenceColors.checkColor(reference, REFERENCE);
            return reference;
        } catch (ColorizerException e) {
            throw badReference(400, Wording.message(e));
        }
    }

    private static HttpProblem badReference(int status, String detail) {
        return new HttpProblem(status, "bad_reference", detail);
    }

    // the JPEG quality asked for (1..100), or null for the default
    private static Integer quality(String asked) {
        return wholeNumber(asked, "quality", "give a JPEG quality from 1 (smallest) to 100 (best), or leave it out "
                + "for 95");
    }

    // parameter 'name' as a whole number, null when absent; not one: 400 saying so, then the fix
    private static Integer wholeNumber(String asked, String name, String fix) {
        if (asked == null) {
            return null;
        }
        try {
            return Integer.parseInt(asked.trim());
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest(name + " " + asked + " is not a whole number: " + fix);
        }
    }

    // the warnings in one header line: printable ASCII only (a header cannot carry more), " | " between them
    static String headerValue(List<String> warnings) {
        return String.join(" | ", warnings).replaceAll("[^\\x20-\\x7E]", "?");
    }

    // the model at the asked saturation factor (0 gray, 1 the model's default, up to 2), sharing its weights
    private static Colorizer saturation(String asked, Colorizer colorizer) {
        if (asked == null) {
            return colorizer;
        }
        if (asked.isBlank()) {
            throw HttpProblem.badRequest("saturation is empty: give a number from 0 (gray) to "
                    + dev.colorizer.infer.Saturation.MAX_USER_FACTOR + ", 1 being the model's default, or leave it out");
        }
        try {
            float factor = Float.parseFloat(asked.trim());
            return colorizer.with(colorizer.settings().withSaturation(factor)); // out of range: 400
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest("saturation " + asked + " is not a number: use 0 (gray) to "
                    + dev.colorizer.infer.Saturation.MAX_USER_FACTOR + ", 1 being the model's default");
        }
    }

    // the model at the asked working size, sharing its weights
    private static Colorizer workingSize(String asked, Colorizer colorizer) {
        if (asked == null) {
            return colorizer;
        }
        try {
            int size = Integer.parseInt(asked.trim());
            return colorizer.with(colorizer.settings().withWorkingSize(size)); // UsageException: 400 with the range
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest("size '" + asked + "' is not a whole number of pixels, e.g. "
                    + colorizer.size());
        }
    }

    /** The raw body (a picture), or the fields of a multipart form; the body is at most maxBodyBytes. */
    /** The form fields {@code POST /api/colorize} takes; {@code /api/suggest} takes the picture's only. */
    static final List<String> COLORIZE_FIELDS = List.of("image", "image_id", "hints", "reference");
    static final List<String> SUGGEST_FIELDS = List.of("image", "image_id");

    // any field but these would be ignored in silence (a misspelled 'hint'): refused
    private Sent sent(Context ctx, List<String> taken) {
        byte[] body = body(ctx);
        if (!ctx.isMultipartFormData()) {
            if (body.length == 0) {
                throw noPicture();
            }
            return new Sent(body, null, null, null);
        }
        Map<String, byte[]> fields = MultipartForm.fields(body, ctx.contentType());
        for (String name : fields.keySet()) {
            if (!taken.contains(name)) {
                throw HttpProblem.badRequest("unknown field '" + name + "': this endpoint takes the fields "
                        + String.join(", ", taken) + " (names are case-sensitive); see /openapi.json");
            }
        }
        byte[] image = fields.get("image");
        byte[] id = fields.get("image_id");
        if (image != null && id != null) {
            throw HttpProblem.badRequest("the form has both 'image' and 'image_id': send the picture, or the id of"
                    + " one sent before, not both");
        }
        if (id != null) {
            String text = new String(id, StandardCharsets.UTF_8).trim();
            if (!ImageCache.isId(text)) {
                throw HttpProblem.badRequest("field 'image_id' is not an id this server gives out: send the "
                        + IMAGE_ID_HEADER + " header of an earlier answer (22 characters), or the picture as 'image'");
            }
            return new Sent(null, text, fields.get("hints"), fields.get("reference"));
        }
        if (image == null) {
            throw HttpProblem.badRequest("the form has no field 'image' (the picture) nor 'image_id' (the "
                    + IMAGE_ID_HEADER + " of a picture sent before): send the picture as 'image'");
        }
        if (image.length == 0) {
            throw noPicture();
        }
        return new Sent(image, null, fields.get("hints"), fields.get("reference"));
    }

    private static HttpProblem noPicture() {
        return HttpProblem.badRequest("no picture sent: put the image in the request body or in the multipart"
                + " field 'image'");
    }

    // a Content-Length over the limit was refused before this handler (ColorizeServer); a chunked body is bounded here
    private byte[] body(Context ctx) {
        long max = config.maxBodyBytes();
        byte[] body;
        // --timeout bounds the whole upload, not only each wait for bytes (Jetty's idle timeout): a client that
        // trickles a byte now and then would otherwise hold its request slot for as long as it likes
        long deadline = System.nanoTime() + config.timeout().toNanos();
        long declared = ctx.req().getContentLengthLong(); // -1 when chunked
        try (InputStream in = ctx.bodyInputStream()) {
            java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
            byte[] chunk = new byte[64 * 1024];
            for (int n; read.size() <= max && (n = in.read(chunk, 0, (int) Math.min(chunk.length,
                    max + 1 - read.size()))) >= 0; ) {
                read.write(chunk, 0, n);
                boolean more = declared < 0 || read.size() < declared; // a body in full is never late
                if (more && System.nanoTime() > deadline) {
                    throw new HttpProblem(408, "upload_timeout", "the upload took longer than "
                            + config.timeout().toSeconds() + " s in all (the server's --timeout): send it again "
                            + "over a faster connection, or a smaller picture");
                }
            }
            body = read.toByteArray();
        } catch (IOException e) {
            throw stalled(e) ? new HttpProblem(408, "upload_timeout", "the upload stalled: no bytes came for "
                    + config.timeout().toSeconds() + " s (the server's --timeout): send it again")
                    : HttpProblem.badRequest("the upload was cut off before its end, or its chunked encoding is "
                    + "broken: send it again");
        }
        if (body.length > max) {
            throw HttpProblem.bodyTooLarge(max);
        }
        return body;
    }

    // Jetty's idle timeout ended a blocked read: a TimeoutException somewhere among the causes
    private static boolean stalled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    // the hints' JSON read (none sent: automatic), and refused at once when the model takes none
    private static List<ColorHint> hints(byte[] json, Colorizer colorizer) {
        if (json == null) {
            return List.of();
        }
        List<ColorHint> hints;
        try {
            hints = HintFile.parse(json, HINTS);
        } catch (ColorizerException e) {
            throw new HttpProblem(400, "bad_hints", Wording.message(e));
        }
        if (!hints.isEmpty() && !colorizer.takesHints()) {
            throw new HttpProblem(400, "hints_not_supported", HINTS + " has " + hints.size()
                    + (hints.size() == 1 ? " point" : " points") + ", but model " + colorizer.architecture().id() + " takes no color hints: send an empty points list or none, or"
                    + " serve the bundled model or a run trained with --arch unet-hints or unet-bins");
        }
        return hints;
    }

    // each point on the picture (checked from its size, before decoding); the message names the point
    private static void checkInside(List<ColorHint> hints, Dimension d) {
        for (int i = 0; i < hints.size(); i++) {
            try {
                hints.get(i).checkInside(d.width, d.height);
            } catch (ColorizerException e) {
                throw new HttpProblem(400, "bad_hints", HINTS + " point " + (i + 1) + ": " + Wording.message(e));
            }
        }
    }

    // waits for the forward pass until the deadline; a picture given up on is skipped by the batcher
    private static float[] await(CompletableFuture<float[]> output, long deadline) {
        try {
            return output.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            output.cancel(false);
            throw new HttpProblem(503, "timeout", "colorizing took too long, the server is overloaded: try again"
                    + " in a moment");
        } catch (InterruptedException e) {
            output.cancel(false);
            Thread.currentThread().interrupt();
            throw HttpProblem.busy("the server is stopping");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
