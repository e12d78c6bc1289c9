package dev.colorizer.server;

import dev.colorizer.data.Picture;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoded pictures of recent uploads, so that a client re-colorizing a picture (other hints, another saturation)
 * sends its id instead of the picture again, with its metadata and warnings. Bounded by the pixels it holds (4 B
 * each, TYPE_INT_RGB, twice that for a picture with more than 8 bits a sample, whose gray is kept too) and by
 * {@link #MAX_PICTURES}; the least recently used picture goes first. Memory only: nothing is written to disk, and a
 * restart forgets everything. The pictures are shared by the requests that use them and only ever read.
 *
 * <p>An id is a hash of the upload's bytes: the same file always gets the same id, so sending it again costs no new
 * room, and an id says nothing of a picture to whoever does not have the picture.
 */
final class ImageCache {
    /** The most pictures kept, however small: each entry costs some bytes of bookkeeping beside its pixels. */
    static final int MAX_PICTURES = 256;
    private static final int ID_BYTES = 16; // of the SHA-256: 128 bits, 22 characters of base64url

    private final long maxPixels;
    private final LinkedHashMap<String, Picture> pictures = new LinkedHashMap<>(16, 0.75f, true); // LRU first
    private long pixels;

    /** @param maxPixels the most pixels all kept pictures may have together; 0 keeps none */
    ImageCache(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** The id of an upload: base64url (no padding) of the first 128 bits of the SHA-256 of its bytes. */
    static String id(byte[] upload) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(upload);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, ID_BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Whether {@code text} has the form of an id this cache gives out (it may still be unknown or evicted). */
    static boolean isId(String text) {
        return text.length() == 22 && text.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                || c >= '0' && c <= '9' || c == '-' || c == '_');
    }

    /**
     * Keeps the picture under its id, evicting the least recently used ones until it fits; a picture larger than the
     * whole cache is not kept.
     *
     * @return whether it is kept, so that its id may be handed out
     */
    synchronized boolean put(String id, Picture picture) {
        long size = cost(picture);
        if (size > maxPixels) {
            return false;
        }
        Picture old = pictures.remove(id);
        if (old != null) {
            pixels -= cost(old);
        }
        Iterator<Map.Entry<String, Picture>> oldest = pictures.entrySet().iterator();
        while (pixels + size > maxPixels || pictures.size() >= MAX_PICTURES) {
            pixels -= cost(oldest.next().getValue());
            oldest.remove();
        }
        pictures.put(id, picture);
        pixels += size;
        return true;
    }

    /** The picture kept under this id, now the most recently used one; null when unknown or evicted. */
    synchronized Picture get(String id) {
        return pictures.get(id);
    }

    // the pixels a picture counts for: its RGB ones, and as many again for its 16-bit gray
    private static long cost(Picture picture) {
        return (long) picture.rgb().getWidth() * picture.rgb().getHeight() * (picture.deepGray() == null ? 1 : 2);
    }

    /** Pixels held now, at most the bound given. */
    synchronized long pixels() {
        return pixels;
    }
}
