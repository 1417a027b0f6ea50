package dev.parley.automation.rules;

/**
 * A customer's text for a rule's regular expression that stops the match once its time is up: every
 * {@link #charAt} checks the deadline, so a pattern that backtracks catastrophically ({@code (a+)+$} on
 * {@code aaaa…ab}) throws {@link TimeUp} instead of holding a thread for minutes.
 */
final class DeadlineText implements CharSequence {
    private final CharSequence text;
    private final long deadline;

    /**
     * @param text     what is matched
     * @param deadline {@link System#nanoTime()} after which reading it throws
     */
    DeadlineText(CharSequence text, long deadline) {
        this.text = text;
        this.deadline = deadline;
    }

    @Override
    public char charAt(int index) {
        if (System.nanoTime() - deadline > 0) {
            throw new TimeUp();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new DeadlineText(text.subSequence(start, end), deadline);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** The match ran out of time. */
    static final class TimeUp extends RuntimeException {
        TimeUp() {
            super("regular expression took too long", null, false, false);
        }
    }
}
