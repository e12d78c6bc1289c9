package dev.colorizer.spark;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under another scheme, so that tests take the code paths of remote file systems: {@code other:}
 * renames like HDFS, {@code gs:} is treated as an object store (written straight to the key, as S3). File statuses
 * are plain ones (the local file system's would read permissions through a file: URI).
 */
public class OtherSchemeFileSystem extends RawLocalFileSystem {
    @Override
    public URI getUri() {
        return URI.create(getScheme() + ":///");
    }

    @Override
    public String getScheme() {
        return "other";
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        return plain(super.getFileStatus(f));
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        FileStatus[] found = super.listStatus(f);
        for (int i = 0; i < found.length; i++) {
            found[i] = plain(found[i]);
        }
        return found;
    }

    private static FileStatus plain(FileStatus s) {
        return new FileStatus(s.getLen(), s.isDirectory(), 1, s.getBlockSize(), s.getModificationTime(), s.getPath());
    }

    /** An object store's scheme. */
    public static class ObjectStore extends OtherSchemeFileSystem {
        @Override
        public String getScheme() {
            return "gs";
        }
    }
}
