package dev.parley.i18n;

import java.util.regex.Pattern;

/** What counts as a locale tag in file names and in the catalog: {@code en}, {@code zh-CN}, {@code pt-BR}. */
public final class LocaleTags {
    private static final Pattern WELL_FORMED = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    private LocaleTags() {
    }

    /**
     * @param tag a candidate tag
     * @return whether it is a lower-case language optionally followed by script or region subtags
     */
    public static boolean isWellFormed(String tag) {
        return tag != null && WELL_FORMED.matcher(tag).matches();
    }
}
