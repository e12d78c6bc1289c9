package dev.colorizer.server;

import dev.colorizer.data.ImageFiles;
import dev.colorizer.infer.Colorizer;
import io.javalin.http.Context;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@code POST /api/colorize}: the picture as the raw body or as multipart field {@code image}; answers the colorized
 * picture at the input's full resolution, PNG or ({@code ?format=jpg}) JPEG, at the model's working size or
 * {@code ?size=}. Every step that can be refused cheaply comes before the expensive ones: parameters, admission,
 * body size, then the pixel count from the header, and only then decoding. The upload is kept in memory only.
 */
final class ColorizeEndpoint {
    private static final String NAME = "upload"; // how messages call the picture: the client's file name is not used

    private final ServerConfig config;
    private final Admission admission;
    private final Supplier<ColorizeServer.Model> model;

    ColorizeEndpoint(ServerConfig config, Supplier<ColorizeServer.Model> model) {
        this.config = config;
        this.admission = new Admission(config.maxInFlight(), config.pixelBudget());
        this.model = model;
    }

    void handle(Context ctx) {
        ColorizeServer.Model m = model.get();
        Colorizer colorizer = saturation(ctx.queryParam("saturation"), m.colorizer());
        String format = format(ctx.queryParam("format"));
        int size = workingSize(ctx.queryParam("size"), colorizer);
        try (Admission.Ticket ticket = admission.enter()) {
            byte[] bytes = body(ctx);
            long deadline = System.nanoTime() + config.timeout().toNanos();
            Dimension d = ImageFiles.readSize(bytes, NAME);
            long pixels = (long) d.width * d.height;
            if (pixels > config.maxPixels()) {
                throw new HttpProblem(413, "too_many_pixels", "the picture has " + d.width + "x" + d.height
                        + " pixels, more than the " + config.maxPixels() + " this server accepts: downscale it");
            }
            ticket.reserve(pixels);
            BufferedImage image = ImageFiles.readRgb(bytes, NAME);
            float[] output = await(m.batcher().submit(colorizer.encode(image, size), size), deadline);
            BufferedImage colorized = colorizer.decode(image, output, 0, size).colorized();
            ctx.contentType(format.equals("png") ? "image/png" : "image/jpeg")
                    .header("Content-Disposition", "inline; filename=\"colorized." + format + "\"")
                    .header("Cache-Control", "no-store")
                    .result(ImageFiles.encode(colorized, format));
        }
    }

    private static String format(String asked) {
        String format = asked == null ? "png" : asked.toLowerCase(Locale.ROOT).replace("jpeg", "jpg");
        if (!format.equals("png") && !format.equals("jpg")) {
            throw HttpProblem.badRequest("format " + asked + " is not offered: use png or jpg");
        }
        return format;
    }

    // the model at the asked saturation factor (0 gray, 1 the model's default, up to 2), sharing its weights
    private static Colorizer saturation(String asked, Colorizer colorizer) {
        if (asked == null) {
            return colorizer;
        }
        try {
            return colorizer.withUserSaturation(Float.parseFloat(asked.trim())); // out of range: 400
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest("saturation " + asked + " is not a number: use 0 (gray) to "
                    + dev.colorizer.infer.Saturation.MAX_USER_FACTOR + ", 1 being the model's default");
        }
    }

    private static int workingSize(String asked, Colorizer colorizer) {
        if (asked == null) {
            return colorizer.size();
        }
        try {
            int size = Integer.parseInt(asked.trim());
            colorizer.checkSize(size); // ColorizerException: 400 with the accepted range
            return size;
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest("size " + asked + " is not a whole number of pixels, e.g. "
                    + colorizer.size());
        }
    }

    /** The raw body or its multipart field "image"; the body is at most maxBodyBytes. */
    private byte[] body(Context ctx) {
        long max = config.maxBodyBytes();
        long announced = ctx.req().getContentLengthLong(); // -1 when chunked: then the read below is bounded
        if (announced > max) {
            throw tooLarge(max);
        }
        byte[] body;
        try (InputStream in = ctx.bodyInputStream()) {
            body = in.readNBytes(Math.toIntExact(max + 1));
        } catch (IOException e) {
            throw HttpProblem.badRequest("the upload was cut off before its end: send it again");
        }
        if (body.length > max) {
            throw tooLarge(max);
        }
        if (ctx.isMultipartFormData()) {
            body = MultipartForm.field(body, ctx.contentType(), "image");
        }
        if (body.length == 0) {
            throw HttpProblem.badRequest("no picture sent: put the image in the request body or in the multipart"
                    + " field 'image'");
        }
        return body;
    }

    private static HttpProblem tooLarge(long max) {
        return new HttpProblem(413, "body_too_large", String.format(Locale.ROOT, "the upload is larger than %.1f MiB"
                + " (%d bytes), the most this server accepts: send a smaller picture", max / 1048576.0, max));
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
