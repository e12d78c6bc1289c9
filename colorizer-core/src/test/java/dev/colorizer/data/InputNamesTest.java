package dev.colorizer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorizer.Setting;
import dev.colorizer.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputNamesTest {
    @Test
    void anOutputWhoseFileNameWouldBeTooLongIsRefusedByItsLength() {
        String fits = "d/" + "é".repeat(124) + ".jpg"; // 248 + 4 bytes: with ".png", 256
        String kept = "d/" + "x".repeat(251) + ".png"; // its own name, 255 bytes
        String shorter = "d/" + "é".repeat(123) + ".jpg"; // 246 + 4 + 4 = 254
        List<InputNames.Output> outputs = InputNames.outputNames(List.of(new InputNames.Claim(fits),
                new InputNames.Claim(kept), new InputNames.Claim(shorter)), OutputFormat.PNG);
        assertThat(outputs.get(0).name()).isNull();
        assertThat(outputs.get(0).refusal()).contains("256 bytes, over the 255").contains("1 byte shorter");
        assertThat(outputs.get(1).name()).isEqualTo(kept);
        assertThat(outputs.get(2).name()).isEqualTo(shorter + ".png");
    }

    @Test
    void recognisesPictureNamesIgnoringCase() {
        for (String name : List.of("a.jpg", "b.JPEG", "c.Png", "d.bmp", "e.gif", "f.WEBP", "h.tif", "i.TIFF")) {
            assertThat(InputNames.isPicture(name)).as(name).isTrue();
        }
        for (String name : List.of("a.txt", "jpg", ".jpg", "a.jpg.tmp", "a.heic", "_SUCCESS")) {
            assertThat(InputNames.isPicture(name)).as(name).isFalse();
        }
    }

    @Test
    void namesStartingWithADotOrAnUnderscoreAreHiddenAndSkippedWithTheReason() {
        assertThat(InputNames.skipReason("a.png", false)).isNull();
        assertThat(InputNames.skipReason("sub", true)).as("a folder to walk").isNull();
        assertThat(InputNames.skipReason("sub/.DS_Store", false)).startsWith("a hidden file");
        assertThat(InputNames.skipReason("._a.jpg", false)).as("macOS metadata").startsWith("a hidden file");
        assertThat(InputNames.skipReason("_SUCCESS", false)).startsWith("a hidden file");
        assertThat(InputNames.skipReason(".git", true)).startsWith("a hidden folder").contains("not walked");
        assertThat(InputNames.skipReason("_temporary", true)).startsWith("a hidden folder");
        assertThat(InputNames.skipReason("x/_temporary/0/a.png", false))
                .as("a glob's match under a hidden folder").startsWith("in the hidden folder x/_temporary ");
        assertThat(InputNames.skipReason("notes.txt", false)).startsWith("not a picture name (jpg, jpeg, png");
        assertThat(InputNames.skipReason("a_b.png", false)).as("an underscore inside is no matter").isNull();
        assertThat(InputNames.skipReason("2024/_MG_0001.JPG", false)).as("a camera's Adobe RGB name").isNull();
        assertThat(InputNames.skipReason("_DSC0002.jpg", false)).isNull();
        assertThat(InputNames.skipReason("_photos.jpg/a.png", false)).as("a folder, whatever its name")
                .startsWith("in the hidden folder _photos.jpg ");
    }

    @Test
    void anOutputKeepsAnInputNameInItsFormatAndAppendsTheFormatsExtensionToAnyOther() {
        assertThat(InputNames.names(List.of("a.jpg", "a.png", "sub/a.png", "b.c.tif", "x-2.png", "x.bmp",
                "x.png", "noext", "C.PNG"), OutputFormat.PNG))
                .containsExactly("a.jpg.png", "a.png", "sub/a.png", "b.c.tif.png", "x-2.png", "x.bmp.png", "x.png",
                        "noext.png", "C.PNG");
        assertThat(InputNames.names(List.of("a.png", "a.jpeg", "b.JPG", "c.jpg"), OutputFormat.JPEG))
                .containsExactly("a.png.jpg", "a.jpeg", "b.JPG", "c.jpg");
        assertThat(InputNames.hintsName("sub/a.b.png")).isEqualTo("sub/a.b.json");
        assertThat(InputNames.withoutExtension(".hidden")).isEqualTo(".hidden");
        assertThat(InputNames.withoutExtension("dir.d/name")).isEqualTo("dir.d/name");
    }

    @Test
    void noPicturesNamesTheFirstSkippedEntries() {
        assertThat(InputNames.noPictures(List.of("in"), List.of("in/a.txt: not a picture name", "in/.b: hidden",
                "in/c: x", "in/d: y")).getMessage())
                .startsWith("no pictures found in [in] (4 entries skipped: in/a.txt: not a picture name; in/.b: "
                        + "hidden; in/c: x; ...): pass picture files");
    }

    @Test
    void theOutputFormatIsPngJpgTiffOrKeepAndAnyOtherNameIsAUsageError() {
        assertThat(OutputFormat.of("PNG", Setting.FORMAT)).isEqualTo(OutputFormat.PNG);
        assertThat(OutputFormat.of("jpg", Setting.FORMAT)).isEqualTo(OutputFormat.JPEG);
        assertThat(OutputFormat.of("Jpeg", Setting.FORMAT).extension()).isEqualTo("jpg");
        assertThat(OutputFormat.JPEG.mediaType()).isEqualTo("image/jpeg");
        assertThat(OutputFormat.of("TIFF", Setting.FORMAT).extension()).isEqualTo("tif");
        assertThat(OutputFormat.of("keep", Setting.FORMAT).forInput("scans/a.TIFF")).isEqualTo(OutputFormat.TIFF);
        assertThat(OutputFormat.KEEP.forInput("b.jpeg")).isEqualTo(OutputFormat.JPEG);
        assertThat(OutputFormat.KEEP.forInput("c.webp")).as("no WebP writer: PNG").isEqualTo(OutputFormat.PNG);
        assertThatThrownBy(() -> OutputFormat.of("webp", Setting.FORMAT)).isInstanceOf(UsageException.class)
                .hasMessage("format webp is not an output format: use png, jpg, tiff or keep (each input's own)");
        assertThatThrownBy(() -> OutputFormat.jpegQuality(101, Setting.QUALITY)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("quality 101 is out of range");
        assertThat(OutputFormat.jpegQuality(80, Setting.QUALITY)).isEqualTo(0.8f);
    }

    @Test
    void keepNamesEachOutputInItsInputsFormat() {
        assertThat(InputNames.names(List.of("a.jpg", "b.tiff", "c.gif", "d.jpeg", "e.webp"), OutputFormat.KEEP))
                .containsExactly("a.jpg", "b.tiff", "c.gif.png", "d.jpeg", "e.webp.png");
    }

    @Test
    void namesNeverShiftWhenOtherPicturesComeOrGo() {
        List<String> three = InputNames.names(List.of("a.bmp", "a.jpg", "a.png"), OutputFormat.PNG);
        assertThat(three).containsExactly("a.bmp.png", "a.jpg.png", "a.png");
        List<String> four = InputNames.names(List.of("a.bmp", "a.gif", "a.jpg", "a.png"), OutputFormat.PNG);
        assertThat(four).as("a.gif added: nothing refused, nothing shifted")
                .containsExactly("a.bmp.png", "a.gif.png", "a.jpg.png", "a.png");
        assertThat(InputNames.names(List.of("a.gif", "a.jpg", "a.png"), OutputFormat.PNG))
                .as("a.bmp removed: the others keep theirs").containsExactly("a.gif.png", "a.jpg.png", "a.png");
    }

    @Test
    void theInputWhoseOwnNameItIsKeepsAClashingNameWhateverTheOrder() {
        for (List<String> order : List.of(List.of("a.jpg", "a.jpg.png"), List.of("a.jpg.png", "a.jpg"))) {
            List<InputNames.Output> outputs = InputNames.outputNames(order.stream().map(InputNames.Claim::new)
                    .toList(), OutputFormat.PNG);
            int jpg = order.indexOf("a.jpg");
            assertThat(outputs.get(1 - jpg)).as(order.toString()).isEqualTo(new InputNames.Output("a.jpg.png", null));
            assertThat(outputs.get(jpg).name()).isNull();
            assertThat(outputs.get(jpg).refusal()).isEqualTo("its output a.jpg.png is also a.jpg.png's, which "
                    + "keeps its own name: rename this picture to colorize it");
        }
        // one name under two named inputs: the first named keeps it; a file's own name over a page's
        assertThat(InputNames.outputNames(List.of(new InputNames.Claim("a.jpg"), new InputNames.Claim("a.jpg")),
                OutputFormat.PNG).get(1).refusal()).endsWith("found in an input named before: color them into two "
                + "output folders, or rename one");
        List<InputNames.Output> pages = InputNames.outputNames(List.of(new InputNames.Claim("s-page2.tif", true,
                null), new InputNames.Claim("s-page2.tif")), OutputFormat.PNG);
        assertThat(pages.get(0).refusal()).isEqualTo("its output s-page2.tif.png is also s-page2.tif's, a file's "
                + "own name: rename that file to colorize this page");
        assertThat(pages.get(1).name()).isEqualTo("s-page2.tif.png");
    }

    @Test
    void anEarlierReleasesNameIsTheStemWithTheFormatsExtensionOrADashNumber() {
        assertThat(InputNames.isEarlierName("sub/a.jpg", "sub/a.png", OutputFormat.PNG)).isTrue();
        assertThat(InputNames.isEarlierName("sub/a.jpg", "sub/a-2.png", OutputFormat.PNG)).isTrue();
        assertThat(InputNames.isEarlierName("s-page2.tif", "s-page2.png", OutputFormat.PNG)).isTrue();
        assertThat(InputNames.isEarlierName("sub/a.jpg", "a.png", OutputFormat.PNG)).as("another folder").isFalse();
        assertThat(InputNames.isEarlierName("sub/a.jpg", "sub/a.jpg", OutputFormat.PNG)).as("another format")
                .isFalse();
        assertThat(InputNames.isEarlierName("a.jpg", "ab.png", OutputFormat.PNG)).isFalse();
        assertThat(InputNames.isEarlierName("a.jpg", "a-x.png", OutputFormat.PNG)).isFalse();
        // a recorded name in use wins over the rule's: the input whose own name it is, is refused
        List<InputNames.Output> outputs = InputNames.outputNames(List.of(new InputNames.Claim("a.jpg", false,
                "a.png"), new InputNames.Claim("a.png")), OutputFormat.PNG);
        assertThat(outputs.get(0).name()).isEqualTo("a.png");
        assertThat(outputs.get(1).refusal()).startsWith("its output a.png is also a.jpg's, colored there by an "
                + "earlier release");
    }

    @Test
    void aHintsFileNamedAfterSeveralPicturesIsRefusedAndTheWholeNameIsUnambiguous() {
        List<String> pictures = List.of("a.jpg", "a.png", "sub/b.jpg");
        assertThatThrownBy(() -> InputNames.hintsFiles(pictures, java.util.Set.of("a.json", "sub/b.json")::contains,
                "hints")).isInstanceOf(dev.colorizer.ColorizerException.class)
                .hasMessageContaining("hints/a.json: could be the hints of a.jpg, a.png")
                .hasMessageContaining("e.g. a.jpg.json");
        assertThat(InputNames.hintsFiles(pictures, java.util.Set.of("a.jpg.json", "a.json", "sub/b.json")::contains,
                "hints")).containsExactly(java.util.Map.entry("a.jpg", "a.jpg.json"),
                java.util.Map.entry("a.png", "a.json"), java.util.Map.entry("sub/b.jpg", "sub/b.json"));
        assertThat(InputNames.hintsFiles(List.of("c.png"), java.util.Set.of("c.json")::contains, "hints"))
                .containsExactly(java.util.Map.entry("c.png", "c.json")); // the usual case, as before
    }

    @Test
    void aReferenceIsThePicturesOwnNameElseTheOnePictureOfItsStem() {
        List<String> pictures = List.of("a.jpg", "sub/b.png", "c.png", "d.png");
        assertThat(InputNames.referenceFiles(pictures, java.util.Set.of("a.jpg", "a.png", "sub/b.jpg", "c.json",
                "notes.txt"), "refs")).containsExactly(java.util.Map.entry("a.jpg", "a.jpg"),
                java.util.Map.entry("sub/b.png", "sub/b.jpg")); // c.json is no picture, d has none
        assertThatThrownBy(() -> InputNames.referenceFiles(List.of("a.gif"), java.util.Set.of("a.jpg", "a.png"),
                "refs")).isInstanceOf(dev.colorizer.ColorizerException.class)
                .hasMessage("refs/a.*: could be the reference of a.gif in several files (2): name it a.gif");
    }
}
