package dev.colorizer.server;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;

/**
 * The fields of a multipart/form-data body that is already in memory (and so already bounded in size). Jetty's
 * parser does the parsing; every part stays in memory, none is ever written to a file.
 */
final class MultipartForm {
    private static final int MAX_PARTS = 16;

    private MultipartForm() {}

    /** Each field's bytes by its name, or 400 when the form is malformed or repeats a field. */
    static Map<String, byte[]> fields(byte[] body, String contentType) {
        String boundary = MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isEmpty()) {
            throw HttpProblem.badRequest("the multipart form has no boundary in its Content-Type");
        }
        MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
        parser.setMaxMemoryFileSize(Long.MAX_VALUE); // the whole body is in memory already: no part goes to disk
        parser.setMaxParts(MAX_PARTS);
        try (MultiPartFormData.Parts parts = parser.parse(Content.Source.from(ByteBuffer.wrap(body))).get()) {
            Map<String, byte[]> fields = new HashMap<>();
            for (MultiPart.Part part : parts) {
                if (part.getName() != null && fields.containsKey(part.getName())) {
                    throw HttpProblem.badRequest("the form's field '" + part.getName() + "' is given more than once "
                            + "(only one would count): send each field once");
                }
                if (part.getName() != null) {
                    ByteBuffer content = Content.Source.asByteBuffer(part.getContentSource());
                    byte[] bytes = new byte[content.remaining()];
                    content.get(bytes);
                    fields.put(part.getName(), bytes);
                }
            }
            return fields;
        } catch (ExecutionException | java.io.IOException e) {
            throw HttpProblem.badRequest("the multipart form is malformed (or has more than " + MAX_PARTS
                    + " parts): send the picture as the file field 'image' (and any hints as the field 'hints')");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HttpProblem.busy("the server is stopping");
        }
    }
}
