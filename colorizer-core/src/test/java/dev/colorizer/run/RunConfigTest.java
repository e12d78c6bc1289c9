package dev.colorizer.run;

import dev.colorizer.io.Json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigTest {
    @TempDir
    Path dir;

    private static RunConfig.DataSummary onTwoFolders(String root) {
        return new RunConfig.DataSummary(root + "/scenes, " + root + "/people", "COLOR_ONLY", 30, 1,
                List.of(root + "/people/bad.png: not an image"),
                List.of(new RunConfig.DataSource(root + "/scenes", "scenes", "COLOR_ONLY", 1.0, 20, 0, 19, 1),
                        new RunConfig.DataSource(root + "/people", "people", "COLOR_ONLY", 1.5, 10, 1, 9, 1)));
    }

    @Test
    void aFineTunedRunShipsWithoutThisMachinesPathsItsOwnNorItsBases() throws Exception {
        TrainConfig train = new TrainConfig("unet", 1, 4, 1e-3f, 16, 0.1, 7, false, null, null, null);
        TrainConfig fineTune = train.withInitFrom("/home/ann/runs/first");
        RunConfig base = new RunConfig(train, onTwoFolders("/home/ann/data"), List.of("scenes/a.png"),
                List.of("people/b.png"), "2026-12-01T00:00:00Z", "test");
        RunConfig tuned = new RunConfig(fineTune, onTwoFolders("/mnt/big"), List.of("scenes/a.png"),
                List.of("people/b.png"), "2026-12-02T00:00:00Z", "test")
                .withBase(RunConfig.BaseRecipe.of("/home/ann/runs/first", base));

        RunConfig portable = tuned.withPortablePaths();

        assertThat(portable.train().initFrom()).isEqualTo("first");
        assertThat(portable.train().withInitFrom(null)).isEqualTo(train);
        assertThat(portable.base().name()).isEqualTo("first");
        assertThat(portable.data().path()).isEqualTo("scenes, people");
        assertThat(portable.data().sources()).extracting(RunConfig.DataSource::path).containsExactly("scenes", "people");
        assertThat(portable.base().data().path()).isEqualTo("scenes, people");
        assertThat(portable.base().data().sources()).extracting(RunConfig.DataSource::path)
                .containsExactly("scenes", "people");
        assertThat(portable.base().data().sources()).extracting(RunConfig.DataSource::weight).containsExactly(1.0, 1.5);
        assertThat(portable.base().train()).isEqualTo(train);
        // and the recipe survives config.json
        Json.write(dir.resolve("config.json"), portable);
        assertThat(Json.read(dir.resolve("config.json"), RunConfig.class)).isEqualTo(portable);
    }
}
