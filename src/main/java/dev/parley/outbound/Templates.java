package dev.parley.outbound;

import java.time.InstantSource;
import java.util.List;

import dev.parley.connector.MessageTemplate;

import org.jdbi.v3.core.Jdbi;

/**
 * The message templates each account's platform has, as {@code /template sync} last read them: what a template send
 * is checked against before it is queued, and what a refused free text outside the reply window offers instead.
 */
public final class Templates {
    private final Jdbi jdbi;
    private final InstantSource clock;

    /**
     * @param jdbi  the database
     * @param clock the present
     */
    public Templates(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Replaces an account's templates with what the platform listed.
     *
     * @param accountId the account
     * @param templates every template the platform has for it
     */
    public void replace(long accountId, List<MessageTemplate> templates) {
        long now = clock.millis();
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM message_templates WHERE account_id = :account").bind("account", accountId)
                    .execute();
            var batch = h.prepareBatch("""
                    INSERT INTO message_templates (account_id, name, language, status, category, body, params, synced_at)
                    VALUES (:account, :name, :language, :status, :category, :body, :params, :now)
                    ON DUPLICATE KEY UPDATE status = VALUES(status), category = VALUES(category), body = VALUES(body),
                      params = VALUES(params), synced_at = VALUES(synced_at)""");
            for (MessageTemplate t : templates) {
                batch.bind("account", accountId).bind("name", t.name()).bind("language", t.language())
                        .bind("status", t.status()).bind("category", t.category()).bind("body", t.body())
                        .bind("params", t.params()).bind("now", now).add();
            }
            if (!templates.isEmpty()) {
                batch.execute();
            }
        });
    }

    /**
     * @param accountId an account
     * @return its templates, approved first, by name and language
     */
    public List<MessageTemplate> of(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT name, language, status, category, body, params FROM message_templates
                        WHERE account_id = :account ORDER BY status <> 'APPROVED', name, language""")
                .bind("account", accountId)
                .map((rs, ctx) -> new MessageTemplate(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getInt(6)))
                .list());
    }
}
