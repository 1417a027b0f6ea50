package dev.parley.automation;

/**
 * A template text that cannot be used: {@link #problem()} names what is wrong (a key under
 * {@code automation.template_error.} in the locales) and {@link #position()} where.
 */
public final class InvalidTemplateException extends IllegalArgumentException {
    private final String problem;
    private final int position;

    InvalidTemplateException(String problem, String source, int position) {
        super(problem + " at " + position + " in template text of " + source.length() + " characters");
        this.problem = problem;
        this.position = position;
    }

    /** @return empty, too_long, unclosed, unopened, one_choice or unknown_variable */
    public String problem() {
        return problem;
    }

    /** @return the character position (0-based) of the problem, or the limit for too_long */
    public int position() {
        return position;
    }
}
