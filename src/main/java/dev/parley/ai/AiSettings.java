package dev.parley.ai;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.config.Config;

/**
 * The {@code parley.ai.*} settings: the providers (the default one from {@code PARLEY_AI_BASE_URL},
 * {@code PARLEY_AI_API_KEY}, {@code PARLEY_AI_MODEL}, more under {@code parley.ai.providers.<name>}, and the
 * built-in {@code kb}), which one drafts, the quiet period that turns a burst into one draft, and the prompt's parts.
 *
 * @param providers every configured provider by name, {@code kb} included
 * @param provider  the name of the provider that drafts
 * @param quiet     how long a chat must be quiet before its burst is drafted
 * @param history   how many messages of the conversation the prompt carries
 * @param passages  how many knowledge-base passages the prompt carries
 * @param persona   who the account is and how it answers (the system prompt)
 * @param prices    what tokens cost
 * @param currency  the currency of the prices, as shown by {@code /cost}
 * @param dailyCalls   most provider calls per account per day, 0 for no limit
 * @param budgetMicros the monthly budget of all accounts in millionths of the currency, 0 for none
 * @param takeover     how long drafting waits in a chat after a human answered there from the phone
 * @param keywords     comma-separated keywords that make a group message ask for a draft
 * @param budgetFallback the provider that drafts once the monthly budget is used up, or {@code null} to stop
 * @param autoCoverage on {@code auto}, the share of the customer's words the best passage must contain before a
 *                     draft of the {@code kb} provider is sent unseen, 0 to 1
 * @param resume       at start, how old a waiting customer's message may be for its chat to still be drafted
 *                     (the quiet periods of before the stop are lost); zero for none
 */
public record AiSettings(Map<String, ReplyProvider> providers, String provider, Duration quiet, int history,
                         int passages, String persona, Prices prices, String currency, int dailyCalls,
                         long budgetMicros, Duration takeover, String keywords, String budgetFallback,
                         double autoCoverage, Duration resume) {
    /** The name of the provider configured by {@code PARLEY_AI_*}. */
    public static final String DEFAULT_NAME = "default";

    /**
     * @param ai the {@code parley.ai} node
     * @return the settings
     * @throws IllegalArgumentException when the drafting provider is not configured
     */
    public static AiSettings read(Config ai) {
        Map<String, ReplyProvider> providers = new LinkedHashMap<>();
        providers.put(KbProvider.NAME, new KbProvider());
        Duration timeout = Duration.ofMillis(ai.get("timeout.ms").asLong().orElse(30_000L));
        int attempts = ai.get("retries").asInt().orElse(2) + 1;
        openAi(DEFAULT_NAME, ai, timeout, attempts, providers);
        ai.get("providers").asNodeList().orElse(List.of())
                .forEach(node -> openAi(node.name(), node, timeout, attempts, providers));
        String chosen = ai.get("provider").asString().orElse("").strip();
        if (chosen.isEmpty()) {
            chosen = providers.containsKey(DEFAULT_NAME) ? DEFAULT_NAME : KbProvider.NAME;
        }
        if (!providers.containsKey(chosen)) {
            throw new IllegalArgumentException("parley.ai.provider: no provider named \"" + chosen + "\"; configured: "
                    + providers.keySet());
        }
        String fallback = ai.get("budget.fallback").asString().orElse("").strip();
        if (!fallback.isEmpty() && !providers.containsKey(fallback)) {
            throw new IllegalArgumentException("parley.ai.budget.fallback: no provider named \"" + fallback
                    + "\"; configured: " + providers.keySet());
        }
        return new AiSettings(Map.copyOf(providers), chosen,
                Duration.ofMillis(ai.get("quiet.ms").asLong().orElse(20_000L)),
                ai.get("history").asInt().orElse(20), ai.get("passages").asInt().orElse(3),
                ai.get("persona").asString().orElse("You are a friendly customer-service agent. Answer briefly, in the"
                        + " customer's language."),
                Prices.parse(ai.get("prices").asString().orElse("")), ai.get("currency").asString().orElse("USD"),
                ai.get("quota.daily").asInt().orElse(0),
                Math.round(ai.get("budget.monthly").asDouble().orElse(0.0) * 1_000_000),
                Duration.ofMinutes(ai.get("takeover.minutes").asLong().orElse(30L)),
                ai.get("keywords").asString().orElse(""), fallback.isEmpty() ? null : fallback,
                coverage(ai.get("auto.kb.coverage").asDouble().orElse(0.5)),
                Duration.ofMinutes(ai.get("resume.minutes").asLong().orElse(30L)));
    }

    private static double coverage(double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("parley.ai.auto.kb.coverage: " + share + " is not a share from 0 to 1");
        }
        return share;
    }

    private static void openAi(String name, Config node, Duration timeout, int attempts,
                               Map<String, ReplyProvider> providers) {
        String base = node.get("base.url").asString().orElse("").strip();
        if (base.isEmpty()) {
            return;
        }
        providers.put(name, new OpenAiProvider(new OpenAiSettings(name, URI.create(base),
                node.get("api.key").asString().orElse("").strip(),
                node.get("model").asString().orElse("gpt-4o-mini").strip(),
                node.get("timeout.ms").asLong().map(Duration::ofMillis).orElse(timeout),
                node.get("retries").asInt().map(r -> r + 1).orElse(attempts))));
    }

    /** @return the provider that drafts */
    public ReplyProvider drafting() {
        return providers.get(provider);
    }

    /**
     * @param chosen a provider chosen for an account, or {@code null}
     * @return that provider, or the configured one when none was chosen or it is no longer configured
     */
    public ReplyProvider drafting(String chosen) {
        return chosen == null ? drafting() : providers.getOrDefault(chosen, drafting());
    }
}
