package dev.colorizer.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.colorizer.ColorizerException;
import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.run.EpochMetrics;
import dev.colorizer.io.Json;
import dev.colorizer.run.RunDir;
import dev.colorizer.run.StoredModel;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One checkpoint folder: {@code model.params} (DJL's block format), {@code optimizer.params} (Adam's moments as an
 * NDList) and {@code state.json} (epochs done, optimizer step, metrics history).
 */
public final class Checkpoint {
    static final String MODEL = RunDir.MODEL;
    static final String OPTIMIZER = "optimizer.params";
    static final String STATE = "state.json";

    private Checkpoint() {}

    /** state.json: how far training got, and the metrics of every finished epoch. */
    public record State(int epochsDone, int optimizerStep, List<EpochMetrics> history) {}

    /** Writes the checkpoint of {@code state.epochsDone()} into the run, atomically (stage, then commit). */
    static Path save(RunDir run, Block block, ResumableAdam optimizer, State state) throws IOException {
        Path staged = run.stageCheckpoint();
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(staged.resolve(MODEL))))) {
                block.saveParameters(out);
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(staged.resolve(OPTIMIZER)))) {
                optimizer.exportState(block.getParameters()).encode(out);
            }
            Json.MAPPER.writeValue(staged.resolve(STATE).toFile(), state);
        } catch (IOException e) { // a full disk, mostly: the half-written stage would keep it full
            run.discardStaged(staged);
            throw new ColorizerException(run.checkpointsDir(), Message.of("cannot write the checkpoint of epoch "
                    + state.epochsDone() + " (" + e.getMessage() + "): free disk space (a checkpoint takes about "
                    + "twice the model's size while it is committed), then continue with ", Setting.RESUME), e);
        }
        return run.commitCheckpoint(staged, String.format("epoch-%04d", state.epochsDone()));
    }


    /** Loads the weights of a checkpoint folder into {@code block}. */
    public static void loadParameters(Path checkpoint, Block block, NDManager manager) {
        Path file = checkpoint.resolve(MODEL);
        try (InputStream in = Files.newInputStream(file)) {
            StoredModel.loadWeights(in, file, block, manager);
        } catch (IOException e) {
            throw new ColorizerException(file, "cannot read the model weights (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Restores Adam's moments and reads the state, for {@code --resume}. The weights are loaded before the trainer
     * initialises the block ({@link #loadParameters}), which then marks them as trainable.
     */
    static State restoreOptimizer(Path checkpoint, Block block, ResumableAdam optimizer, NDManager manager) {
        State state = readState(checkpoint);
        Path file = checkpoint.resolve(OPTIMIZER);
        try (NDManager scratch = manager.newSubManager();
             InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            NDList moments = NDList.decode(scratch, in);
            optimizer.importState(block.getParameters(), moments, state.optimizerStep(), manager);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) { // also DJL's "Malformed data"
            throw new ColorizerException(file, Message.of("cannot read the optimizer state (" + e.getMessage()
                    + "): the file is damaged; start a new run instead of ", Setting.RESUME), e);
        }
        return state;
    }

    public static State readState(Path checkpoint) {
        Path file = checkpoint.resolve(STATE);
        try {
            return Json.read(file, State.class);
        } catch (IOException e) {
            throw new ColorizerException(file, "unreadable (" + e.getMessage() + "): restore it or retrain", e);
        }
    }
}
