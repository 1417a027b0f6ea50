package dev.parley.connector.whatsappcloud;

import java.time.InstantSource;
import java.util.Optional;
import java.util.logging.Logger;

import dev.parley.config.Sealer;

import org.jdbi.v3.core.Jdbi;

/**
 * The Cloud API numbers Parley runs: each one's access token, sealed ({@link Sealer}, bound to the phone number id),
 * its WhatsApp Business Account (where its templates live), and what Graph last said about it. The token is opened
 * only to call Graph with it; nothing here ever returns it to a card, a log or a metric.
 */
final class CloudNumbers {
    private static final Logger LOG = Logger.getLogger(CloudNumbers.class.getName());

    private final Jdbi jdbi;
    private final Sealer sealer;
    private final InstantSource clock;

    CloudNumbers(Jdbi jdbi, Sealer sealer, InstantSource clock) {
        this.jdbi = jdbi;
        this.sealer = sealer;
        this.clock = clock;
    }

    /**
     * Keeps a number checked against Graph.
     *
     * @param number what Graph said, with the token that works
     * @param token  the access token
     */
    void save(Number number, String token) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO whatsapp_cloud_numbers (phone_id, waba_id, token, display_number, verified_name,
                          quality, tier, checked_at)
                        VALUES (:phone, :waba, :token, :display, :name, :quality, :tier, :now)
                        ON DUPLICATE KEY UPDATE waba_id = COALESCE(VALUES(waba_id), waba_id), token = VALUES(token),
                          display_number = VALUES(display_number), verified_name = VALUES(verified_name),
                          quality = VALUES(quality), tier = VALUES(tier), checked_at = VALUES(checked_at)""")
                .bind("phone", number.phoneId()).bind("waba", number.wabaId())
                .bind("token", sealer.seal(token, purpose(number.phoneId())))
                .bind("display", number.displayNumber()).bind("name", number.verifiedName())
                .bind("quality", number.quality()).bind("tier", number.tier()).bind("now", clock.millis()).execute());
    }

    /**
     * Records what Graph says about a number now.
     *
     * @param number the number as Graph describes it
     * @return what was known before, when the number is kept
     */
    Optional<Number> refresh(Number number) {
        Optional<Number> before = find(number.phoneId());
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE whatsapp_cloud_numbers SET display_number = :display, verified_name = :name,
                          quality = :quality, tier = :tier, checked_at = :now WHERE phone_id = :phone""")
                .bind("phone", number.phoneId()).bind("display", number.displayNumber())
                .bind("name", number.verifiedName()).bind("quality", number.quality()).bind("tier", number.tier())
                .bind("now", clock.millis()).execute());
        return before;
    }

    /**
     * Learns a number's business account from a webhook (its {@code entry.id}) when it was not given.
     *
     * @param phoneId the number
     * @param wabaId  its business account
     */
    void learnWaba(String phoneId, String wabaId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE whatsapp_cloud_numbers SET waba_id = :waba"
                        + " WHERE phone_id = :phone AND waba_id IS NULL")
                .bind("phone", phoneId).bind("waba", wabaId).execute());
    }

    /**
     * @param phoneId a phone number id
     * @return what is known about it, when it is kept
     */
    Optional<Number> find(String phoneId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT phone_id, waba_id, display_number, verified_name, quality, tier
                        FROM whatsapp_cloud_numbers WHERE phone_id = :phone""")
                .bind("phone", phoneId)
                .map((rs, ctx) -> new Number(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .findOne());
    }

    /**
     * @param displayDigits a display phone number, digits only
     * @return the phone number id it belongs to (quality webhooks name numbers by their display number)
     */
    Optional<String> byDisplayNumber(String displayDigits) {
        return jdbi.withHandle(h -> h.createQuery("SELECT phone_id, display_number FROM whatsapp_cloud_numbers")
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).list()).stream()
                .filter(row -> row[1] != null && digits(row[1]).equals(displayDigits))
                .map(row -> row[0]).findFirst();
    }

    /**
     * @param phoneId a phone number id
     * @return its access token, when it is kept and can be opened
     */
    Optional<String> token(String phoneId) {
        Optional<String> sealed = jdbi.withHandle(h -> h.createQuery(
                        "SELECT token FROM whatsapp_cloud_numbers WHERE phone_id = :phone")
                .bind("phone", phoneId).mapTo(String.class).findOne());
        try {
            return sealed.isEmpty() ? Optional.empty() : Optional.of(sealer.openText(sealed.get(), purpose(phoneId)));
        } catch (Sealer.SealException e) {
            LOG.warning("the token of Cloud API number " + phoneId + " cannot be opened (" + e.getMessage()
                    + "; was PARLEY_SECRET_KEY changed?); /bot relogin with token: gives it a new one");
            return Optional.empty();
        }
    }

    /**
     * Forgets a number and its token.
     *
     * @param phoneId the number
     */
    void forget(String phoneId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM whatsapp_cloud_numbers WHERE phone_id = :phone")
                .bind("phone", phoneId).execute());
    }

    static String digits(String phone) {
        return phone.replaceAll("[^0-9]", "");
    }

    private static String purpose(String phoneId) {
        return "whatsapp-cloud-token:" + phoneId;
    }

    /**
     * A number as Graph describes it.
     *
     * @param phoneId       its phone number id
     * @param wabaId        its business account, when known
     * @param displayNumber the number as shown ({@code +1 555-0100})
     * @param verifiedName  the business name WhatsApp shows
     * @param quality       GREEN, YELLOW, RED or UNKNOWN
     * @param tier          the messaging limit tier ({@code TIER_1K}…)
     */
    record Number(String phoneId, String wabaId, String displayNumber, String verifiedName, String quality,
                  String tier) {
        /**
         * @param phoneId the number's id
         * @param wabaId  its business account, or {@code null}
         * @param fields  Graph's answer to the number's fields
         * @return the number
         */
        static Number of(String phoneId, String wabaId, com.fasterxml.jackson.databind.JsonNode fields) {
            return new Number(phoneId, wabaId, fields.path("display_phone_number").asText(""),
                    fields.path("verified_name").asText(""), fields.path("quality_rating").asText("UNKNOWN"),
                    fields.path("messaging_limit_tier").asText(""));
        }
    }
}
