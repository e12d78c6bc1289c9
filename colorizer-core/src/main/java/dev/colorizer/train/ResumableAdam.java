package dev.colorizer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.ParameterList;
import ai.djl.training.optimizer.Optimizer;
import dev.colorizer.ColorizerException;
import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.model.TrainSchedule;
import java.util.HashMap;
import java.util.Map;

/**
 * Adam (Kingma & Ba) whose moments and step count can be saved and restored, so a resumed run continues exactly
 * where it stopped. DJL's own Adam keeps them private, keyed by parameter ids that change from one JVM to the next;
 * here they are exported by parameter name.
 *
 * <p>Same update and bias correction as DJL's and Keras' Adam, done by the engine's fused kernel.
 */
public final class ResumableAdam extends Optimizer {
    private final float learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Map<String, NDArray> means = new HashMap<>();
    private final Map<String, NDArray> variances = new HashMap<>();
    private final TrainSchedule schedule;
    private final int totalSteps;
    private int step; // batches done: every parameter is updated once per batch

    private ResumableAdam(Builder builder) {
        super(builder);
        learningRate = builder.learningRate;
        beta1 = builder.beta1;
        beta2 = builder.beta2;
        epsilon = builder.epsilon;
        schedule = builder.schedule;
        totalSteps = builder.totalSteps;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the next step; the loop calls it once per batch, before {@code trainer.step()}. */
    void beginStep() {
        step++;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        double coef1 = 1.0 - Math.pow(beta1, step);
        double coef2 = 1.0 - Math.pow(beta2, step);
        float lr = (float) (learningRate * schedule.factor(step, totalSteps));
        float corrected = (float) (lr * Math.sqrt(coef2) / coef1);
        NDArray mean = means.computeIfAbsent(parameterId, k -> weight.zerosLike());
        NDArray variance = variances.computeIfAbsent(parameterId, k -> weight.zerosLike());
        weight.getNDArrayInternal().adamUpdate(
                new NDList(weight, grad, mean, variance), new NDList(weight),
                lr, corrected, getWeightDecay(), rescaleGrad, clipGrad,
                beta1, beta2, epsilon, true, false);
    }

    /** Updates done so far (one per batch). */
    public int step() {
        return step;
    }

    /** The moments as arrays named "m:NAME" and "v:NAME", NAME the parameter's path in the block. */
    NDList exportState(ParameterList parameters) {
        NDList state = new NDList();
        for (var entry : parameters) {
            NDArray m = means.get(entry.getValue().getId());
            NDArray v = variances.get(entry.getValue().getId());
            if (m != null && v != null) {
                m.setName("m:" + entry.getKey());
                v.setName("v:" + entry.getKey());
                state.add(m);
                state.add(v);
            }
        }
        return state;
    }

    /** Restores moments saved by {@link #exportState}, copying them into arrays owned by {@code manager}. */
    void importState(ParameterList parameters, NDList state, int savedStep, NDManager manager) {
        for (var entry : parameters) {
            if (!entry.getValue().requiresGradient()) {
                continue;
            }
            NDArray m = state.get("m:" + entry.getKey());
            NDArray v = state.get("v:" + entry.getKey());
            if (m == null || v == null) {
                throw new ColorizerException(Message.of("the checkpoint's optimizer state lacks parameter "
                        + entry.getKey() + ": it was written by another model; start a new run instead of ",
                        Setting.RESUME));
            }
            means.put(entry.getValue().getId(), ownedCopy(m, manager));
            variances.put(entry.getValue().getId(), ownedCopy(v, manager));
        }
        step = savedStep;
    }

    private static NDArray ownedCopy(NDArray array, NDManager manager) {
        NDArray copy = array.duplicate();
        copy.attach(manager);
        return copy;
    }

    /** Builds a {@link ResumableAdam}; {@code setLearningRate} is required. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private float learningRate = Float.NaN;
        private final float beta1 = 0.9f;
        private final float beta2 = 0.999f;
        private final float epsilon = 1e-7f; // Keras' default, which the original project used
        private TrainSchedule schedule = TrainSchedule.CONSTANT;
        private int totalSteps = 1;

        private Builder() {}

        public Builder setLearningRate(float learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** The learning-rate schedule over a run of {@code totalSteps} steps. */
        public Builder optSchedule(TrainSchedule schedule, int totalSteps) {
            this.schedule = schedule;
            this.totalSteps = totalSteps;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public ResumableAdam build() {
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("ResumableAdam needs setLearningRate(> 0), got " + learningRate);
            }
            return new ResumableAdam(this);
        }
    }
}
