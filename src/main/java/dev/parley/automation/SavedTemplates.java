package dev.parley.automation;

import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.parley.rbac.Identity;

import org.jdbi.v3.core.Jdbi;

/**
 * The {@code saved_templates} table: texts saved under a name with {@code /template add}, which rules and
 * broadcast steps send by name. A name is lower-cased; saving a name again replaces its text.
 */
public final class SavedTemplates {
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_-]{1,64}");

    private final Jdbi jdbi;
    private final InstantSource clock;

    /**
     * @param jdbi  the database
     * @param clock the present
     */
    public SavedTemplates(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * @param name what was typed
     * @return the name as stored, or empty when it is not 1–64 letters, digits, {@code _} or {@code -}
     */
    public static Optional<String> normalName(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return NAME.matcher(n).matches() ? Optional.of(n) : Optional.empty();
    }

    /**
     * Saves (or replaces) a template.
     *
     * @param name a name {@link #normalName} accepted
     * @param text the checked text
     * @param by   who saved it
     * @return whether a template of that name existed and was replaced
     */
    public boolean put(String name, TemplateText text, Identity by) {
        long now = clock.millis();
        return jdbi.inTransaction(h -> {
            boolean existed = h.createQuery("SELECT COUNT(*) FROM saved_templates WHERE name = :name FOR UPDATE")
                    .bind("name", name).mapTo(Integer.class).one() > 0;
            h.createUpdate("""
                            INSERT INTO saved_templates (name, text, created_by, created_at, updated_at)
                            VALUES (:name, :text, :by, :now, :now)
                            ON DUPLICATE KEY UPDATE text = VALUES(text), updated_at = VALUES(updated_at)""")
                    .bind("name", name).bind("text", text.source()).bind("by", by.toString()).bind("now", now)
                    .execute();
            return existed;
        });
    }

    /**
     * @param name a template's name, as typed
     * @return the template, if there is one of that name
     */
    public Optional<Saved> find(String name) {
        return normalName(name).flatMap(n -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT name, text, created_by, updated_at FROM saved_templates WHERE name = :name")
                .bind("name", n).map((rs, ctx) -> saved(rs)).findOne()));
    }

    /** @return every template, by name */
    public List<Saved> list() {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT name, text, created_by, updated_at FROM saved_templates ORDER BY name")
                .map((rs, ctx) -> saved(rs)).list());
    }

    /**
     * @param name a template's name
     * @return whether it existed
     */
    public boolean remove(String name) {
        return normalName(name).map(n -> jdbi.withHandle(h -> h.createUpdate(
                "DELETE FROM saved_templates WHERE name = :name").bind("name", n).execute()) > 0).orElse(false);
    }

    private static Saved saved(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Saved(rs.getString(1), TemplateText.parse(rs.getString(2)), rs.getString(3), rs.getLong(4));
    }

    /**
     * A saved template.
     *
     * @param name      its name
     * @param text      its text
     * @param createdBy who first saved it
     * @param updatedAt when it was last saved, epoch ms
     */
    public record Saved(String name, TemplateText text, String createdBy, long updatedAt) {
    }
}
