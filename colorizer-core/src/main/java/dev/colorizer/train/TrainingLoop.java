package dev.colorizer.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import dev.colorizer.ColorizerException;
import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.UsageException;
import dev.colorizer.data.SampleCache;
import dev.colorizer.color.Lab;
import dev.colorizer.model.Architecture;
import dev.colorizer.model.ColorBins;
import dev.colorizer.run.EpochMetrics;
import dev.colorizer.run.StoredModel;
import dev.colorizer.run.TrainConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The training loop: shuffle, forward, loss ({@link Objective}), backward, Adam step; validate; tell the listeners.
 * Epoch e's samples, order, flips, simulated hints, crops and degradations depend only on (seed, e), and its working
 * size only on e (the config's stages), so a resumed run sees the same batches as an uninterrupted one.
 */
public final class TrainingLoop {
    // what the color bins' rebalancing counts (binWeights)
    private static final int PRIOR_PICTURES = 4000;
    private static final int PRIOR_PIXEL_STRIDE = 7; // odd and prime to the sizes: no column is favoured

    private final TrainConfig config;
    private final Architecture architecture;
    private final Map<Integer, SampleCache> cachesBySize;
    private final TrainingSet train;
    private final int[] validation;
    private final List<TrainListener> listeners;

    /**
     * A run at one working size that visits every training sample once per epoch.
     *
     * @param samples the decoded images at working size
     * @param train indices of training samples
     * @param validation indices of validation samples (may be empty)
     */
    public TrainingLoop(TrainConfig config, SampleCache samples, int[] train, int[] validation,
                        List<TrainListener> listeners) {
        this(config, Map.of(config.size(), samples), TrainingSet.uniform(train), validation, listeners);
    }

    /**
     * @param cachesBySize for each working size S of the config's stages, the decoded images at
     *                     {@code config.cachedSize(S)} (S itself without crops), the same images in the same order
     * @param train the training samples and their weights
     * @param validation indices of validation samples (may be empty)
     */
    public TrainingLoop(TrainConfig config, Map<Integer, SampleCache> cachesBySize, TrainingSet train,
                        int[] validation, List<TrainListener> listeners) {
        this.config = config;
        this.architecture = Architecture.fromId(config.model());
        List<String> names = null;
        for (TrainConfig.Stage stage : config.stagesOrSingle()) {
            architecture.checkSize(stage.size());
            SampleCache cache = cachesBySize.get(stage.size());
            if (cache == null || cache.size() != config.cachedSize(stage.size())) {
                throw new IllegalArgumentException("no sample cache of " + config.cachedSize(stage.size())
                        + " px for stage " + stage);
            }
            if (names != null && !names.equals(cache.names())) {
                throw new IllegalArgumentException("the sample caches hold different images: " + cachesBySize.values());
            }
            names = cache.names();
        }
        if (train.indices().length == 0) {
            throw new ColorizerException(Message.of("no training images left after the validation split: add images or "
                    + "lower ", Setting.VAL_SPLIT));
        }
        this.cachesBySize = new TreeMap<>(cachesBySize);
        this.train = train;
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
        try (Model model = Model.newInstance(architecture.id())) {
            model.setBlock(architecture.newBlock());
            // before the trainer initialises: initialisation skips loaded weights
            if (resumeFrom != null) {
                Checkpoint.loadParameters(resumeFrom, model.getBlock(), model.getNDManager());
            } else if (config.initFrom() != null) {
                initialModel(config).loadInto(model.getBlock(), model.getNDManager());
            }
            int samplesPerEpoch = train.epochLength();
            int batches = (samplesPerEpoch + config.batchSize() - 1) / config.batchSize();
            ResumableAdam adam = ResumableAdam.builder().setLearningRate(config.learningRate())
                    .optSchedule(config.schedule(), batches * config.epochs()).build();
            Loss mse = mseLoss();
            try (Trainer trainer = model.newTrainer(trainingConfig(mse, adam))) {
                trainer.initialize(architecture.inputShape(config.batchSize(), config.sizeAt(firstEpochOf(resumeFrom))));
                NDArray binWeights = architecture.hasBins()
                        ? trainer.getManager().create(binWeights()) : null; // (Q)
                List<EpochMetrics> history = new ArrayList<>();
                int firstEpoch = 1;
                if (resumeFrom != null) {
                    Checkpoint.State state =
                            Checkpoint.restoreOptimizer(resumeFrom, model.getBlock(), adam, model.getNDManager());
                    history.addAll(state.history());
                    firstEpoch = state.epochsDone() + 1;
                }
                for (TrainListener l : listeners) {
                    l.onStart(firstEpoch, config.epochs(), batches, samplesPerEpoch);
                }
                Map<Integer, BatchFiller> fillers = new TreeMap<>();
                cachesBySize.forEach((size, cache) ->
                        fillers.put(size, new BatchFiller(cache, size, architecture.encoding(),
                                config.degrade())));
                for (int epoch = firstEpoch; epoch <= config.epochs(); epoch++) {
                    BatchFiller filler = fillers.get(config.sizeAt(epoch));
                    long start = System.nanoTime();
                    double trainMse = trainEpoch(trainer, adam, filler, epoch, binWeights);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double valMse = validate(trainer, filler);
                    if (validation.length > 0 && !Double.isFinite(valMse)) { // NaN is "no validation" elsewhere
                        throw new ColorizerException(Message.of("training diverged at epoch " + epoch + ": the "
                                + "validation MSE is " + valMse + " (train MSE " + trainMse + "): lower ",
                                Setting.LEARNING_RATE, " and start again"));
                    }
                    EpochMetrics metrics = new EpochMetrics(epoch, trainMse, valMse, seconds, samplesPerEpoch / seconds);
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

    /**
     * The trained model a fine-tuning run starts from (its config's {@code initFrom}), checked to be of the run's
     * architecture.
     */
    public static StoredModel initialModel(TrainConfig config) {
        StoredModel start = StoredModel.named(config.initFrom());
        String model = start.config().train().model();
        if (!Architecture.fromId(config.model()).canStartFrom(Architecture.fromId(model))) {
            throw new UsageException(start.source(), Message.of("is a " + model + " model and this run trains "
                    + config.model() + ": pass ", Setting.ARCH, " " + model + " to fine-tune it, or drop ",
                    Setting.INIT_FROM));
        }
        return start;
    }

    // epoch 1, or the one after the checkpoint's (only its size matters: the blocks' shapes do not depend on it)
    private int firstEpochOf(Path resumeFrom) {
        return resumeFrom == null ? 1 : Math.min(config.epochs(), Checkpoint.readState(resumeFrom).epochsDone() + 1);
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

    private double trainEpoch(Trainer trainer, ResumableAdam adam, BatchFiller filler, int epoch, NDArray binWeights) {
        SplittableRandom random = new SplittableRandom(config.seed() * 1_000_003L + epoch);
        int[] order = train.epoch(random);
        boolean[] flips = null;
        if (config.flip()) {
            flips = new boolean[order.length];
            for (int i = 0; i < flips.length; i++) {
                flips[i] = random.nextBoolean();
            }
        }
        SplittableRandom hints = random.split(); // drawn after the flips: the same flips as before hints existed
        SplittableRandom crops = config.crop() < 1 ? random.split() : null; // after: the same hints as before crops
        SplittableRandom degrades = config.degrade() > 0 ? random.split() : null; // after: the same crops as before
        int b = config.batchSize();
        int s = filler.size();
        float[] inputs = new float[filler.inputLength(b)];
        float[] targets = new float[filler.targetLength(b)];
        double sum = 0;
        int batch = 0;
        for (int from = 0; from < order.length; from += b, batch++) {
            int n = Math.min(b, order.length - from);
            filler.fill(order, from, n, flips, hints, crops, config.crop(), degrades, inputs, targets);
            double loss;
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray x = m.create(java.nio.FloatBuffer.wrap(inputs, 0, filler.inputLength(n)),
                        architecture.inputShape(n, s));
                NDArray y = m.create(java.nio.FloatBuffer.wrap(targets, 0, filler.targetLength(n)),
                        architecture.outputShape(n, s));
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    Objective.Value value = Objective.evaluate(trainer.forward(new NDList(x)), y, binWeights);
                    collector.backward(value.loss());
                    loss = value.mse().getFloat();
                }
                adam.beginStep();
                trainer.step();
            }
            if (!Double.isFinite(loss)) {
                throw new ColorizerException(Message.of("training diverged at epoch " + epoch + ", batch " + (batch + 1)
                        + " (loss " + loss + "): lower ", Setting.LEARNING_RATE, " and start again"));
            }
            sum += loss * n;
            for (TrainListener l : listeners) {
                l.onBatch(epoch, batch + 1, loss, n);
            }
        }
        return sum / order.length;
    }

    /**
     * The rebalancing weights of the color bins ({@link ColorBins#rebalancingWeights}), from the colors of up to
     * {@value #PRIOR_PICTURES} training pictures as an epoch visits them (so the folders' weights count), every
     * {@value #PRIOR_PIXEL_STRIDE}th pixel, at the first stage's size: a function of the data and the seed alone, so a
     * resumed run computes the same.
     */
    private float[] binWeights() {
        SampleCache cache = cachesBySize.get(config.sizeAt(1));
        int[] order = train.epoch(new SplittableRandom(config.seed()));
        int pixels = cache.size() * cache.size();
        byte[] rgb = new byte[3 * pixels];
        float[] lab = new float[3];
        long[] counts = new long[ColorBins.COUNT];
        for (int i = 0; i < Math.min(order.length, PRIOR_PICTURES); i++) {
            cache.readRgb(order[i], rgb);
            for (int p = 0; p < pixels; p += PRIOR_PIXEL_STRIDE) {
                Lab.rgbToLab((rgb[p] & 0xFF) << 16 | (rgb[pixels + p] & 0xFF) << 8 | (rgb[2 * pixels + p] & 0xFF),
                        lab, 0);
                counts[ColorBins.nearest(lab[1], lab[2])]++;
            }
        }
        return ColorBins.rebalancingWeights(counts);
    }

    /** Mean MSE over the validation images, or NaN when there are none. */
    private double validate(Trainer trainer, BatchFiller filler) {
        if (validation.length == 0) {
            return Double.NaN;
        }
        int b = config.batchSize();
        int s = filler.size();
        float[] inputs = new float[filler.inputLength(b)];
        float[] targets = new float[filler.targetLength(b)];
        double sum = 0;
        for (int from = 0; from < validation.length; from += b) {
            int n = Math.min(b, validation.length - from);
            // no hints, the whole picture: the automatic colors, as inference sees it
            filler.fill(validation, from, n, null, null, null, 1, null, inputs, targets);
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray x = m.create(java.nio.FloatBuffer.wrap(inputs, 0, filler.inputLength(n)),
                        architecture.inputShape(n, s));
                NDArray y = m.create(java.nio.FloatBuffer.wrap(targets, 0, filler.targetLength(n)),
                        architecture.outputShape(n, s));
                sum += Objective.shownMse(trainer.evaluate(new NDList(x)), y).getFloat() * n;
            }
        }
        return sum / validation.length;
    }
}
