package dev.colorizer.spark;

import dev.colorizer.ColorizerException;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.ImageMetadata;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.data.Picture;
import dev.colorizer.job.PictureStore;
import dev.colorizer.run.OutputManifest.InputStamp;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads and writes pictures on any Hadoop file system with the library's own decoder and encoder
 * ({@link ImageFiles}): on the local file system as files, elsewhere (HDFS, S3, ...) as bytes in memory. Outputs are
 * written atomically (see {@link #write}).
 */
final class HadoopImages implements PictureStore<Path> {
    /** Hidden temp files of an unfinished write: {@code .NAME.UUID.tmp} (the core library's convention too). */
    static final Pattern TEMP_NAME = Pattern.compile("^\\..+\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp$");

    /** Schemes of object stores: an object appears only when complete, and a rename is a copy. */
    static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "s3n", "gs", "oss", "cosn", "obs");

    private final Configuration conf;

    HadoopImages(Configuration conf) {
        this.conf = conf;
    }

    /** A file's size and modification time (ms), as Hadoop reports them. */
    @Override
    public InputStamp stamp(Path file) throws IOException {
        org.apache.hadoop.fs.FileStatus status = file.getFileSystem(conf).getFileStatus(file);
        return new InputStamp(status.getLen(), status.getModificationTime());
    }

    /** Its path, size and time: reading a remote reference again for a digest would cost more than it tells. */
    @Override
    public String identity(Path file) throws IOException {
        InputStamp stamp = stamp(file);
        return file + " " + stamp.bytes() + "@" + stamp.modified();
    }

    @Override
    public String name(Path file) {
        return file.getName();
    }

    @Override
    public boolean exists(Path file) throws IOException {
        return file.getFileSystem(conf).exists(file);
    }

    /** Whether a regular file is at {@code file}. */
    boolean isFile(Path file) throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        try {
            return fs.getFileStatus(file).isFile();
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    /**
     * Decodes the picture as {@link ImageFiles#readPicture} does (its first page: the job colors no other); a
     * user-fixable problem is a ColorizerException.
     */
    @Override
    public Picture read(Path file, Integer page) throws IOException {
        java.nio.file.Path local = localFile(file);
        if (local != null) {
            return ImageFiles.readPicture(local);
        }
        byte[] bytes;
        try (InputStream in = file.getFileSystem(conf).open(file)) {
            bytes = in.readAllBytes();
        } catch (FileNotFoundException e) {
            throw new ColorizerException(null, file + ": no such file: check the path", e);
        }
        return ImageFiles.readPicture(bytes, file.toString());
    }

    /**
     * Writes the picture in the format to {@code target}, all or nothing, creating parent folders: into a hidden temp
     * file renamed over the target where the file system renames atomically (local, HDFS); straight to the target
     * on object stores (S3, GCS, ...; {@link #OBJECT_STORES}), whose objects appear only when complete and whose
     * rename is a copy.
     *
     * @param replace the target is this job's own earlier output, made with other settings or from an input since
     *                replaced: it is replaced (else a file in place is another writer's, and kept)
     * @return false when another writer (a retried or speculative task) put a file there first; it is kept
     */
    @Override
    public boolean write(BufferedImage image, ImageMetadata metadata, Path target, OutputFormat format,
                         float jpegQuality, boolean replace) throws IOException {
        java.nio.file.Path local = localFile(target);
        if (local != null) {
            ImageFiles.writeImage(image, metadata, local, format, jpegQuality, true); // temp file + atomic rename
            return true;
        }
        byte[] bytes = ImageFiles.encode(image, metadata, format, jpegQuality);
        FileSystem fs = target.getFileSystem(conf);
        boolean renames = !OBJECT_STORES.contains(fs.getScheme());
        Path temp = renames ? new Path(target.getParent(), dev.colorizer.io.AtomicFiles.tempName(target.getName()))
                : target;
        try {
            fs.mkdirs(target.getParent());
            try (OutputStream out = fs.create(temp, replace && !renames)) { // an object store: replaced in place
                out.write(bytes);
            } catch (FileAlreadyExistsException e) {
                if (!renames && isFile(target)) {
                    return false; // an object store: another attempt wrote it
                }
                throw e;
            }
            if (replace && renames && isFile(target)) {
                fs.delete(target, false); // our own earlier output, made with other settings: no rename over it
            }
            if (!renames || fs.rename(temp, target)) {
                return true;
            }
            if (isFile(target)) {
                return false;
            }
            throw new IOException("cannot rename " + temp + " to " + target);
        } catch (IOException | RuntimeException e) {
            throw new ColorizerException(null, target + ": cannot write the image (" + oneLine(e)
                    + "): check that the folder is writable and the file system has space", e);
        } finally {
            if (renames) {
                fs.delete(temp, false);
            }
        }
    }

    /** The java.nio path of a file on the local file system (file:), or null for others (streams needed). */
    private java.nio.file.Path localFile(Path file) throws IOException {
        return localPath(file, conf);
    }

    /** The java.nio path of a file on the local file system (file:), or null for any other file system. */
    static java.nio.file.Path localPath(Path file, Configuration conf) throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        return "file".equals(fs.getScheme()) ? java.nio.file.Path.of(fs.makeQualified(file).toUri()) : null;
    }

    static String oneLine(Throwable e) {
        String message = e instanceof ColorizerException c ? SparkFlags.message(c) : e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e instanceof ColorizerException ? message : e.getClass().getSimpleName() + ": " + message;
        return text.replaceAll("\\s+", " ").trim();
    }
}
