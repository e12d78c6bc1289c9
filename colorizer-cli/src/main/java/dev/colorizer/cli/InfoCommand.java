package dev.colorizer.cli;

import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.ImageMetadata;
import dev.colorizer.infer.Provenance;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Say what made a colorized picture: the colorize version, the model (the digest of its "
                + "weights and policy) and the settings, as recorded in its XMP; and what it keeps of its input's "
                + "metadata. predict --settings-from colors again with exactly these settings."})
final class InfoCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A picture (one colorize wrote, or any other).")
    Path file;

    @Override
    public Integer call() {
        ImageMetadata metadata = ImageFiles.readMetadata(file);
        Optional<Provenance> recorded = Provenance.read(metadata, file);
        System.out.println(file + ": " + (recorded.isPresent() ? "colorized"
                : "no colorizer record (not written by colorize, or its metadata was stripped since)"));
        recorded.ifPresent(p -> p.lines().forEach(line -> System.out.println("  " + line)));
        System.out.println("  " + metadataLine(metadata));
        return dev.colorizer.ExitCode.OK;
    }

    /** What a picture's metadata holds, each kind named with yes or none: "metadata: EXIF none, XMP yes, ...". */
    static String metadataLine(ImageMetadata metadata) {
        return "metadata: EXIF " + (metadata.exif().isEmpty() ? "none" : "yes")
                + ", XMP " + (metadata.xmp() == null ? "none" : "yes")
                + ", IPTC " + (metadata.iptc() == null ? "none" : "yes")
                + ", resolution " + (metadata.dpi() > 0 ? Math.round(metadata.dpi()) + " dpi" : "not given");
    }
}
