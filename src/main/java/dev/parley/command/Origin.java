package dev.parley.command;

/**
 * Where a catalog entry was declared, so errors and reviews can point at the YAML.
 *
 * @param file the file, e.g. {@code commands/search.yaml}
 * @param line 1-based line
 */
public record Origin(String file, int line) {
    /** @return {@code file:line} */
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
