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
        System.out.println("  metadata: " + (metadata.exif().isEmpty() ? "no EXIF" : "EXIF")
                + (metadata.xmp() == null ? "" : ", XMP") + (metadata.iptc() == null ? "" : ", IPTC")
                + (metadata.dpi() > 0 ? ", " + Math.round(metadata.dpi()) + " dpi" : ", resolution not given"));
        return dev.colorizer.ExitCode.OK;
    }
}
