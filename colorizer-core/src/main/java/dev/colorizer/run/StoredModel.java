package dev.colorizer.run;

import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.io.Json;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.colorizer.ColorizerException;
import dev.colorizer.UsageException;
import dev.colorizer.model.Architecture;
import dev.colorizer.model.UNet;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained model as stored: its config.json and its weights (DJL's block format). Where models come from, in one
 * place: a run folder's newest checkpoint, or the pretrained model bundled in the library jar.
 *
 * @param config the run's config.json
 * @param weights the bytes of model.params
 * @param source where the weights were read, for messages and provenance
 */
public record StoredModel(RunConfig config, byte[] weights, Path source) {
    /** What {@code --init-from} and similar options call the bundled model. */
    public static final String BUNDLED_NAME = "bundled";
    /** Classpath folder of the pretrained model: config.json (a run's RunConfig) and model.params. */
    private static final String BUNDLED = "/dev/colorizer/bundled/";

    /** Whether this build carries a pretrained model (config.json and model.params under {@code BUNDLED}). */
    public static boolean hasBundled() {
        return StoredModel.class.getResource(BUNDLED + RunDir.CONFIG) != null
                && StoredModel.class.getResource(BUNDLED + RunDir.MODEL) != null;
    }

    /** The pretrained model shipped inside the library jar (see docs/MODEL_CARD.md). */
    public static StoredModel bundled() {
        if (!hasBundled()) {
            throw new UsageException(Message.of("this build carries no pretrained model: pass ", Setting.MODEL,
                    " RUN_DIR (a folder written by `colorize train`)"));
        }
        Path source = Path.of("classpath:" + BUNDLED + RunDir.MODEL);
        try (InputStream config = StoredModel.class.getResourceAsStream(BUNDLED + RunDir.CONFIG);
             InputStream weights = StoredModel.class.getResourceAsStream(BUNDLED + RunDir.MODEL)) {
            return new StoredModel(Json.MAPPER.readValue(config, RunConfig.class), weights.readAllBytes(), source);
        } catch (IOException e) {
            throw new ColorizerException(source, "cannot read the bundled model (" + e.getMessage() + ")", e);
        }
    }

    /** The newest checkpoint of a run folder, or the model of a folder written by {@code colorize export}. */
    public static StoredModel ofRun(Path runDir) {
        boolean exported = RunDir.isExported(runDir);
        RunDir run = exported ? new RunDir(runDir) : RunDir.existing(runDir);
        Path weights = exported ? runDir.resolve(RunDir.MODEL)
                : run.latestCheckpoint().orElseThrow().resolve(RunDir.MODEL);
        try {
            return new StoredModel(run.readConfig(), Files.readAllBytes(weights), weights);
        } catch (IOException e) {
            throw new ColorizerException(weights, "cannot read the model weights (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Loads these weights into {@code block}, arrays owned by {@code manager}: a block of this model's architecture,
     * or a U-Net with the color-bins head when this model has none (fine-tuning into it: the head is left to
     * initialisation).
     */
    public void loadInto(Block block, NDManager manager) {
        boolean headless = block instanceof UNet net && net.hasBins()
                && !Architecture.fromId(config.train().model()).hasBins();
        load(new ByteArrayInputStream(weights), source, in -> {
            if (headless) {
                ((UNet) block).loadWithoutBins(manager, in);
            } else {
                block.loadParameters(manager, in);
            }
        });
    }

    /** Loads weights in DJL's block format from a stream; {@code source} names it in errors. */
    public static void loadWeights(InputStream stream, Path source, Block block, NDManager manager) {
        load(stream, source, in -> block.loadParameters(manager, in));
    }

    private interface Loader {
        void load(DataInputStream in) throws IOException, MalformedModelException;
    }

    // one reading of weights, its errors named as the weights' own
    private static void load(InputStream stream, Path source, Loader loader) {
        try {
            loader.load(new DataInputStream(new BufferedInputStream(stream)));
        } catch (IOException | MalformedModelException | IllegalArgumentException e) {
            throw new ColorizerException(source, "cannot load the model weights (" + e.getMessage()
                    + "): the file is damaged or belongs to another model; retrain or restore it", e);
        }
    }

    /** The first 16 hex digits of the SHA-256 of the weights: which weights these are, wherever they are stored. */
    public String weightsDigest() {
        return Digest.of(weights);
    }

    /** {@value #BUNDLED_NAME} for the bundled model, otherwise a run folder. */
    public static StoredModel named(String name) {
        return BUNDLED_NAME.equals(name) ? bundled() : ofRun(Path.of(name));
    }
}
