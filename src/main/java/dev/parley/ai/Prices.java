package dev.parley.ai;

import java.util.HashMap;
import java.util.Map;

/**
 * What tokens cost, per model, from {@code parley.ai.prices}: {@code model=in/out,…} in currency units per million
 * tokens, e.g. {@code deepseek-chat=0.27/1.10,gpt-4o-mini=0.15/0.60}. A model not listed costs nothing (the
 * {@code kb} provider, local models).
 */
public final class Prices {
    private final Map<String, double[]> perMillion;

    private Prices(Map<String, double[]> perMillion) {
        this.perMillion = perMillion;
    }

    /**
     * @param spec the setting
     * @return the price table
     * @throws IllegalArgumentException naming the entry that is not {@code model=in/out}
     */
    public static Prices parse(String spec) {
        Map<String, double[]> prices = new HashMap<>();
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.strip().split("[=/]");
            if (parts.length != 3) {
                throw new IllegalArgumentException("parley.ai.prices: \"" + entry.strip() + "\" is not model=in/out");
            }
            try {
                prices.put(parts[0].strip(), new double[] {Double.parseDouble(parts[1]), Double.parseDouble(parts[2])});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parley.ai.prices: \"" + entry.strip() + "\" has a price that is not a number");
            }
        }
        return new Prices(Map.copyOf(prices));
    }

    /**
     * @param model     the model
     * @param tokensIn  prompt tokens
     * @param tokensOut completion tokens
     * @return the cost in millionths of the currency unit
     */
    public long micros(String model, int tokensIn, int tokensOut) {
        double[] price = perMillion.get(model);
        return price == null ? 0 : Math.round(tokensIn * price[0] + tokensOut * price[1]);
    }
}
