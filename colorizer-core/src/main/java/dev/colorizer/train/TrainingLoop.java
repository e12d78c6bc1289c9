package dev.colorizer.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import dev.colorizer.ColorizerException;
import dev.colorizer.data.SampleCache;
import dev.colorizer.model.Architecture;
import dev.colorizer.run.EpochMetrics;
import dev.colorizer.run.TrainConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training loop: shuffle, forward, MSE, backward, Adam step; validate; tell the listeners. Epoch e's order and
 * flips depend only on (seed, e), so a resumed run sees the same batches as an uninterrupted one.
 */
public final class TrainingLoop {
    private final TrainConfig config;
    private final Architecture architecture;
    private final SampleCache samples;
    private final int[] train;
    private final int[] validation;
    private final List<TrainListener> listeners;

    /**
     * @param samples the decoded images at working size
     * @param train indices of training samples
     * @param validation indices of validation samples (may be empty)
     */
    public TrainingLoop(TrainConfig config, SampleCache samples, int[] train, int[] validation,
                        List<TrainListener> listeners) {
        this.config = config;
        this.architecture = Architecture.fromId(config.model());
        architecture.checkSize(config.size());
        if (samples.size() != config.size()) {
            throw new IllegalArgumentException("samples are " + samples.size() + " px, config says " + config.size());
        }
        if (train.length == 0) {
            throw new ColorizerException("no training images left after the validation split: add images or lower --val-split");
        }
        this.samples = samples;
        this.train = train.clone();
        this.validation = validation.clone();
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Trains to {@code config.epochs()}, continuing from {@code resumeFrom} (a checkpoint folder) when not null.
     *
     * @return the metrics of every epoch, earlier ones of a resumed run included
     */
    public List<EpochMetrics> run(Path resumeFrom) throws IOException {
        Engine.getInstance().setRandomSeed((int) config.seed()); // the weights' initialisation
        int s = config.size();
        try (Model model = Model.newInstance(architecture.id())) {
            model.setBlock(architecture.newBlock());
            if (resumeFrom != null) { // before the trainer initialises: initialisation skips loaded weights
                Checkpoint.loadParameters(resumeFrom, model.getBlock(), model.getNDManager());
            }
            int batches = (train.length + config.batchSize() - 1) / config.batchSize();
            ResumableAdam adam = ResumableAdam.builder().setLearningRate(config.learningRate())
                    .optSchedule(config.schedule(), batches * config.epochs()).build();
            Loss mse = mseLoss();
            try (Trainer trainer = model.newTrainer(trainingConfig(mse, adam))) {
                trainer.initialize(new Shape(config.batchSize(), 1, s, s));
                List<EpochMetrics> history = new ArrayList<>();
                int firstEpoch = 1;
                if (resumeFrom != null) {
                    Checkpoint.State state =
                            Checkpoint.restoreOptimizer(resumeFrom, model.getBlock(), adam, model.getNDManager());
                    history.addAll(state.history());
                    firstEpoch = state.epochsDone() + 1;
                }
                for (TrainListener l : listeners) {
                    l.onStart(firstEpoch, config.epochs(), batches, train.length);
                }
                BatchFiller filler = new BatchFiller(samples, architecture.encoding());
                for (int epoch = firstEpoch; epoch <= config.epochs(); epoch++) {
                    long start = System.nanoTime();
                    double trainMse = trainEpoch(trainer, adam, mse, filler, epoch);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double valMse = validate(trainer, mse, filler);
                    EpochMetrics metrics = new EpochMetrics(epoch, trainMse, valMse, seconds, train.length / seconds);
                    history.add(metrics);
                    for (TrainListener l : listeners) {
                        l.onEpochEnd(new TrainListener.EpochEnd(metrics, List.copyOf(history), model.getBlock(), adam));
                    }
                }
                for (TrainListener l : listeners) {
                    l.onFinish(List.copyOf(history));
                }
                return history;
            }
        }
    }

    /** Mean of squared differences over all elements ({@code Loss.l2Loss()} alone would be ½·MSE). */
    static Loss mseLoss() {
        return Loss.l2Loss("mse", 1f);
    }

    /** MSE, Adam, and Keras' glorot_uniform weights U(±sqrt(6 / (fan_in + fan_out))); biases start at zero. */
    static DefaultTrainingConfig trainingConfig(Loss loss, ResumableAdam adam) {
        return new DefaultTrainingConfig(loss)
                .optOptimizer(adam)
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                        XavierInitializer.FactorType.AVG, 3f), Parameter.Type.WEIGHT);
    }

    private double trainEpoch(Trainer trainer, ResumableAdam adam, Loss mse, BatchFiller filler, int epoch) {
        SplittableRandom random = new SplittableRandom(config.seed() * 1_000_003L + epoch);
        int[] order = shuffled(train, random);
        boolean[] flips = null;
        if (config.flip()) {
            flips = new boolean[order.length];
            for (int i = 0; i < flips.length; i++) {
                flips[i] = random.nextBoolean();
            }
        }
        int b = config.batchSize();
        int s = config.size();
        float[] inputs = new float[filler.inputLength(b)];
        float[] targets = new float[filler.targetLength(b)];
        double sum = 0;
        int batch = 0;
        for (int from = 0; from < order.length; from += b, batch++) {
            int n = Math.min(b, order.length - from);
            filler.fill(order, from, n, flips, inputs, targets);
            double loss;
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray x = m.create(java.nio.FloatBuffer.wrap(inputs, 0, filler.inputLength(n)), new Shape(n, 1, s, s));
                NDArray y = m.create(java.nio.FloatBuffer.wrap(targets, 0, filler.targetLength(n)),
                        architecture.outputShape(n, s));
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray prediction = trainer.forward(new NDList(x)).singletonOrThrow();
                    NDArray l = mse.evaluate(new NDList(y), new NDList(prediction));
                    collector.backward(l);
                    loss = l.getFloat();
                }
                adam.beginStep();
                trainer.step();
            }
            if (!Double.isFinite(loss)) {
                throw new ColorizerException("training diverged at epoch " + epoch + ", batch " + (batch + 1)
                        + " (loss " + loss + "): lower --lr and start again");
            }
            sum += loss * n;
            for (TrainListener l : listeners) {
                l.onBatch(epoch, batch + 1, loss, n);
            }
        }
        return sum / order.length;
    }

    /** Mean MSE over the validation images, or NaN when there are none. */
    private double validate(Trainer trainer, Loss mse, BatchFiller filler) {
        if (validation.length == 0) {
            return Double.NaN;
        }
        int b = config.batchSize();
        int s = config.size();
        float[] inputs = new float[filler.inputLength(b)];
        float[] targets = new float[filler.targetLength(b)];
        double sum = 0;
        for (int from = 0; from < validation.length; from += b) {
            int n = Math.min(b, validation.length - from);
            filler.fill(validation, from, n, null, inputs, targets);
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray x = m.create(java.nio.FloatBuffer.wrap(inputs, 0, filler.inputLength(n)), new Shape(n, 1, s, s));
                NDArray y = m.create(java.nio.FloatBuffer.wrap(targets, 0, filler.targetLength(n)),
                        architecture.outputShape(n, s));
                NDArray prediction = trainer.evaluate(new NDList(x)).singletonOrThrow();
                sum += mse.evaluate(new NDList(y), new NDList(prediction)).getFloat() * n;
            }
        }
        return sum / validation.length;
    }

    private static int[] shuffled(int[] indices, SplittableRandom random) {
        int[] order = indices.clone();
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
