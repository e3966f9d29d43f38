package dev.saferoll.migrations.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** A console that records what the commands print and answers their questions from a script. */
final class RecordingConsole implements CommandConsole {

    private final StringBuilder output = new StringBuilder();

    private final boolean interactive;

    private final Deque<String> answers;

    private final Runnable beforeAnswer;

    private RecordingConsole(boolean interactive, List<String> answers, Runnable beforeAnswer) {
        this.interactive = interactive;
        this.answers = new ArrayDeque<>(answers);
        this.beforeAnswer = beforeAnswer;
    }

    static RecordingConsole noTerminal() {
        return new RecordingConsole(false, List.of(), () -> {
        });
    }

    static RecordingConsole answering(String... answers) {
        return new RecordingConsole(true, List.of(answers), () -> {
        });
    }

    /** A console whose user takes a while to answer, while {@code meanwhile} happens. */
    static RecordingConsole answeringAfter(Runnable meanwhile, String answer) {
        return new RecordingConsole(true, List.of(answer), meanwhile);
    }

    @Override
    public synchronized void println(String line) {
        this.output.append(line).append('\n');
    }

    @Override
    public boolean isInteractive() {
        return this.interactive;
    }

    @Override
    public synchronized @Nullable String readLine(String prompt) {
        this.output.append(prompt).append('\n');
        this.beforeAnswer.run();
        return this.answers.poll();
    }

    synchronized String output() {
        return this.output.toString();
    }
}
