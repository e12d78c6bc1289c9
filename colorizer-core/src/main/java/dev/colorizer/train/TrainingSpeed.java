package dev.colorizer.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.colorizer.model.Architecture;

/**
 * Measures training and inference speed of an architecture on random data (no data loading), with exactly the
 * training step of {@link TrainingLoop}; the figures of docs/BENCHMARKS.md.
 */
public final class TrainingSpeed {
    private TrainingSpeed() {}

    /**
     * @param trainImagesPerSecond images per second through forward, backward and Adam step
     * @param forwardImagesPerSecond images per second through inference forward passes
     * @param forwardGflop forward cost of one image in GFLOP (2 × multiply-adds of the convolutions)
     */
    public record Result(String model, int size, int batch, int steps, double trainImagesPerSecond,
                         double forwardImagesPerSecond, double forwardGflop) {
        /** Achieved GFLOP/s of training, counting a training step as three forward passes. */
        public double trainGflops() {
            return 3 * forwardGflop * trainImagesPerSecond;
        }

        public double forwardGflops() {
            return forwardGflop * forwardImagesPerSecond;
        }
    }

    public static Result measure(Architecture architecture, int size, int batch, int steps, int warmup) {
        architecture.checkSize(size);
        TrainingMemory.checkStep(architecture, size, batch); // as train checks it
        Engine.getInstance().setRandomSeed(42);
        try (Model model = Model.newInstance(architecture.id())) {
            model.setBlock(architecture.newBlock());
            ResumableAdam adam = ResumableAdam.builder().setLearningRate(architecture.defaultLearningRate()).build();
            Loss mse = TrainingLoop.mseLoss();
            try (Trainer trainer = model.newTrainer(TrainingLoop.trainingConfig(mse, adam))) {
                trainer.initialize(architecture.inputShape(batch, size));
                Batch x = Batch.random(architecture.inputShape(batch, size));
                Batch y = Batch.random(architecture.outputShape(batch, size));
                for (int i = 0; i < warmup; i++) {
                    trainStep(trainer, adam, mse, x, y);
                }
                long t = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    trainStep(trainer, adam, mse, x, y);
                }
                double trainSeconds = (System.nanoTime() - t) / 1e9;
                for (int i = 0; i < warmup; i++) {
                    forward(model, trainer.getManager(), x);
                }
                t = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    forward(model, trainer.getManager(), x);
                }
                double forwardSeconds = (System.nanoTime() - t) / 1e9;
                return new Result(architecture.id(), size, batch, steps, steps * batch / trainSeconds,
                        steps * batch / forwardSeconds, architecture.forwardFlops(size) / 1e9);
            }
        }
    }

    /** Host data of one batch, copied into a tensor at every step as the training loop does. */
    private record Batch(float[] values, Shape shape) {
        static Batch random(Shape shape) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(42);
            float[] values = new float[(int) shape.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextDouble();
            }
            return new Batch(values, shape);
        }

        NDArray in(NDManager manager) {
            return manager.create(java.nio.FloatBuffer.wrap(values), shape);
        }
    }

    private static void trainStep(Trainer trainer, ResumableAdam adam, Loss mse, Batch x, Batch y) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray loss = Objective.evaluate(trainer.forward(new NDList(x.in(m))), y.in(m)).loss();
                collector.backward(loss);
                loss.getFloat(); // waits for the step, as the training loop does
            }
            adam.beginStep();
            trainer.step();
        }
    }

    private static void forward(Model model, NDManager parent, Batch x) {
        try (NDManager m = parent.newSubManager()) {
            model.getBlock().forward(new ParameterStore(m, false), new NDList(x.in(m)), false).get(0).toFloatArray();
        }
    }
}
