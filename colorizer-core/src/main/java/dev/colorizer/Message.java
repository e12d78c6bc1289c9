package dev.colorizer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A message built from text and {@link Setting}s: what went wrong, naming each setting by its handle, and worded by
 * the front end that shows it ({@link #render(Function)}): the CLI as its flag, the library as its plain name.
 */
public final class Message implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The library's wording: each setting's {@link Setting#plainName()}. */
    public static final Function<Setting, String> PLAIN = Setting::plainName;

    private final List<Object> parts; // Strings and Settings

    private Message(List<Object> parts) {
        this.parts = Collections.unmodifiableList(parts);
    }

    /**
     * The parts in order: a {@link Setting} is worded when rendered, a {@link Message} is spliced in, anything else
     * is its {@link String#valueOf(Object)}.
     */
    public static Message of(Object... parts) {
        List<Object> list = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Setting) {
                list.add(part);
            } else if (part instanceof Message m) {
                list.addAll(m.parts);
            } else {
                list.add(String.valueOf(part));
            }
        }
        return new Message(list);
    }

    /** The text with each setting worded by {@code wording}. */
    public String render(Function<Setting, String> wording) {
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            text.append(part instanceof Setting s ? wording.apply(s) : (String) part);
        }
        return text.toString();
    }

    /** The settings the message names, in order. */
    public List<Setting> settings() {
        return parts.stream().filter(Setting.class::isInstance).map(Setting.class::cast).toList();
    }

    /** The library's wording, {@link #PLAIN}. */
    @Override
    public String toString() {
        return render(PLAIN);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && parts.equals(m.parts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parts);
    }
}
