package dev.parley.ai;

/**
 * A provider's answer.
 *
 * @param text      the proposed reply
 * @param model     the model that wrote it, as the provider named it
 * @param tokensIn  prompt tokens the provider counted ({@code usage.prompt_tokens}), 0 when it did not say
 * @param tokensOut completion tokens ({@code usage.completion_tokens}), 0 when it did not say
 */
public record Completion(String text, String model, int tokensIn, int tokensOut) {
}
