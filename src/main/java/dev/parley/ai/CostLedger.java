package dev.parley.ai;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jdbi.v3.core.Jdbi;

/** The {@code cost_ledger}: a row for every provider call, and the totals {@code /cost} shows. */
public final class CostLedger {
    private final Jdbi jdbi;
    private final InstantSource clock;
    private final Prices prices;
    private final AiMetrics metrics;

    /**
     * @param jdbi    the database
     * @param clock   source of call times
     * @param prices  what tokens cost
     * @param metrics counts tokens and calls
     */
    public CostLedger(Jdbi jdbi, InstantSource clock, Prices prices, AiMetrics metrics) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.prices = prices;
        this.metrics = metrics;
    }

    /**
     * Records one call.
     *
     * @param provider  the provider
     * @param accountId the account drafted for
     * @param chatId    the chat drafted for
     * @param answer    its answer, or {@code null} when it failed
     * @param latencyMs how long it took
     */
    public void record(ReplyProvider provider, long accountId, String chatId, Completion answer, long latencyMs) {
        int in = answer == null ? 0 : answer.tokensIn();
        int out = answer == null ? 0 : answer.tokensOut();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO cost_ledger (provider, model, account_id, chat_id, tokens_in, tokens_out, cost_micros,
                          latency_ms, result, created_at)
                        VALUES (:p, :m, :a, :c, :in, :out, :cost, :lat, :r, :now)""")
                .bind("p", provider.name()).bind("m", provider.model()).bind("a", accountId).bind("c", chatId)
                .bind("in", in).bind("out", out).bind("cost", prices.micros(provider.model(), in, out))
                .bind("lat", (int) Math.min(Integer.MAX_VALUE, latencyMs)).bind("r", answer == null ? "error" : "ok")
                .bind("now", clock.millis()).execute());
        metrics.call(provider.model(), in, out, answer != null);
    }

    /**
     * @param accountId one account, or {@code null} for all
     * @param since     epoch ms of the window's start
     * @return totals per provider and model, the most expensive first
     */
    public List<Total> totals(Long accountId, long since) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT provider, model, COUNT(*) AS calls, SUM(result = 'error') AS errors,
                          SUM(tokens_in) AS tokens_in, SUM(tokens_out) AS tokens_out, SUM(cost_micros) AS cost
                        FROM cost_ledger WHERE created_at >= :since AND (:a IS NULL OR account_id = :a)
                        GROUP BY provider, model ORDER BY cost DESC, calls DESC""")
                .bind("since", since).bind("a", accountId)
                .map((rs, ctx) -> new Total(rs.getString("provider"), rs.getString("model"), rs.getLong("calls"),
                        rs.getLong("errors"), rs.getLong("tokens_in"), rs.getLong("tokens_out"), rs.getLong("cost")))
                .list());
    }

    /**
     * @param accountId one account, or {@code null} for all
     * @param since     epoch ms of the window's start
     * @param zone      where days start
     * @return tokens in and out per day that had calls, oldest first
     */
    public SortedMap<LocalDate, long[]> tokensPerDay(Long accountId, long since, ZoneId zone) {
        SortedMap<LocalDate, long[]> days = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT created_at, tokens_in, tokens_out FROM cost_ledger
                        WHERE created_at >= :since AND (:a IS NULL OR account_id = :a)""")
                .bind("since", since).bind("a", accountId)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .forEach(row -> {
                    long[] day = days.computeIfAbsent(LocalDate.ofInstant(Instant.ofEpochMilli(row[0]), zone),
                            d -> new long[2]);
                    day[0] += row[1];
                    day[1] += row[2];
                }));
        return days;
    }

    /**
     * Calls of one provider and model in a window.
     *
     * @param provider  the provider
     * @param model     the model
     * @param calls     how many calls
     * @param errors    how many gave no reply
     * @param tokensIn  prompt tokens
     * @param tokensOut completion tokens
     * @param costMicros cost in millionths of the currency unit
     */
    public record Total(String provider, String model, long calls, long errors, long tokensIn, long tokensOut,
                        long costMicros) {
    }
}
