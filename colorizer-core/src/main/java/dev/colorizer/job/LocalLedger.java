package dev.colorizer.job;

import dev.colorizer.ColorizerException;
import dev.colorizer.Message;
import dev.colorizer.Setting;
import dev.colorizer.run.OutputManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The ledger of a folder job on this machine's files ({@code predict}, {@code demo}): its output folder's
 * {@link OutputManifest}. It decides, before any work, what each planned output needs ({@link #decide}), claims the
 * outputs of a batch before they are written, replaces a file in place only when the manifest says it is the job's own
 * (looked at again just before writing: one that appeared since is somebody else's), and records each output the
 * moment it is in place, unforced ({@link #force} once a batch).
 */
public final class LocalLedger implements FolderJob.Ledger<Path> {
    private final OutputManifest manifest;
    private final String writer;

    /** @param writer what names this job in messages, e.g. "colorize predict" */
    public LocalLedger(OutputManifest manifest, String writer) {
        this.manifest = manifest;
        this.writer = writer;
    }

    /** What a planned output needs. */
    public enum Need {
        /** Nothing there: to make. */
        MAKE,
        /** Made earlier by this job, with other settings or from an input changed since (or redo asked): to redo. */
        REDO,
        /** Made earlier with the same settings from the input as it is now. */
        DONE,
        /** Somebody else's file, or one made from another picture: not replaced ({@link Verdict#problem()}). */
        REFUSED
    }

    /** @param problem why it is refused, naming the file and the fix; null otherwise */
    public record Verdict(Need need, ColorizerException problem) {}

    /**
     * What planned outputs need, before any work.
     *
     * @param todo    the items to color (made, or redone), in order
     * @param redone  how many of them replace an output made earlier
     * @param done    how many are done already
     * @param refused each refused output's problem, naming the file and the fix
     */
    public record Plan(List<FolderJob.Item<Path>> todo, int redone, int done, List<ColorizerException> refused) {}

    /** What each item's output needs ({@link #decide}). */
    public Plan plan(FolderJob<Path> job, List<FolderJob.Item<Path>> items, boolean overwrite) throws IOException {
        List<FolderJob.Item<Path>> todo = new java.util.ArrayList<>();
        List<ColorizerException> refused = new java.util.ArrayList<>();
        int redone = 0;
        int done = 0;
        for (FolderJob.Item<Path> item : items) {
            Verdict verdict = decide(job, item, overwrite);
            switch (verdict.need()) {
                case REFUSED -> refused.add(verdict.problem());
                case DONE -> done++;
                case REDO, MAKE -> {
                    redone += verdict.need() == Need.REDO ? 1 : 0;
                    todo.add(item);
                }
            }
        }
        return new Plan(todo, redone, done, refused);
    }

    /**
     * What the item's output needs, by the manifest and the settings the job would make it with.
     *
     * @param overwrite redo outputs that are done (never another's file)
     */
    public Verdict decide(FolderJob<Path> job, FolderJob.Item<Path> item, boolean overwrite) throws IOException {
        Path output = item.output();
        boolean exists = Files.exists(output, LinkOption.NOFOLLOW_LINKS);
        OutputManifest.Ownership whose = manifest.ownership(output);
        if (exists && whose != OutputManifest.Ownership.OURS) {
            return new Verdict(Need.REFUSED, new ColorizerException(Message.of(output + (whose
                    == OutputManifest.Ownership.CHANGED_SINCE ? " was changed after " + writer + " wrote it"
                    : " exists and was not written by " + writer) + ": it is not replaced; choose another ",
                    Setting.OUT, ", or move it away")));
        }
        if (!overwrite && manifest.isCurrent(output, item.input(), job.settings(item))) {
            return new Verdict(Need.DONE, null);
        }
        String madeFrom = overwrite ? null : manifest.madeFromAnother(output, item.input());
        if (madeFrom != null) {
            return new Verdict(Need.REFUSED, new ColorizerException(Message.of(output + " was made from another "
                    + "picture, " + madeFrom + ": it is not replaced by the colorization of " + item.input()
                    + "; choose another ", Setting.OUT, ", or pass ", Setting.OVERWRITE)));
        }
        return new Verdict(exists ? Need.REDO : Need.MAKE, null);
    }

    @Override
    public void claim(List<FolderJob.Item<Path>> items) throws IOException {
        manifest.claim(items.stream().map(FolderJob.Item::output).toList());
    }

    @Override
    public boolean replaces(FolderJob.Item<Path> item) throws IOException {
        boolean exists = Files.exists(item.output(), LinkOption.NOFOLLOW_LINKS);
        if (exists && !manifest.owns(item.output())) {
            throw new ColorizerException(item.output(), Message.of("a file appeared there during this run, not "
                    + "written by " + writer + ": it is not replaced; move it away or choose another ", Setting.OUT));
        }
        return exists;
    }

    @Override
    public void written(FolderJob.Outcome<Path> made) throws IOException {
        // recorded at once: no output of ours is ever left without its line, whatever kills the run
        manifest.done(List.of(new OutputManifest.Made(made.item().output(), made.item().input(), made.settings(),
                made.stamp())), false);
    }

    /** Forces what was recorded to disk: once a batch, not once a picture. */
    public void force() {
        manifest.force();
    }
}
