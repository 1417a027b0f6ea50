package dev.parley.ai;

import java.time.Duration;
import java.util.List;

import dev.parley.kb.KbEntry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAI-compatible provider against a wire-level fake: usage, retries, timeouts, errors, malformed JSON. */
class AiOpenAiProviderTest {
    private static final String KEY = "sk-secret-key-1234";
    private static FakeOpenAiServer fake;

    @BeforeAll
    static void start() {
        fake = FakeOpenAiServer.start();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.always(FakeOpenAiServer.reply("Thanks for asking!", 10, 5));
        fake.requests().clear();
    }

    private static OpenAiProvider provider(Duration timeout, int attempts) {
        return new OpenAiProvider(new OpenAiSettings("deepseek", fake.baseUrl(), KEY, "fake-model", timeout, attempts));
    }

    private static Prompt prompt() {
        return prompt(false);
    }

    private static Prompt prompt(boolean unattended) {
        return new Prompt("You are Ann from the shop.", List.of(new Prompt.Turn(true, "hi"),
                new Prompt.Turn(false, "hello, how can I help?"), new Prompt.Turn(true, "how long do refunds take?")),
                "how long do refunds take?", List.of(new KbEntry(7, "Refunds take 3-5 working days.", 1f)), unattended);
    }

    @Test
    void sendsPersonaPassagesAndConversationAndReadsTheReplyAndUsage() throws Exception {
        fake.next(FakeOpenAiServer.reply("3-5 working days.", 321, 45));
        Completion answer = provider(Duration.ofSeconds(5), 1).complete(prompt());
        assertThat(answer).isEqualTo(new Completion("3-5 working days.", "fake-model", 321, 45));
        FakeOpenAiServer.Request sent = fake.requests().getFirst();
        assertThat(sent.authorization()).isEqualTo("Bearer " + KEY);
        assertThat(sent.body().path("model").asText()).isEqualTo("fake-model");
        assertThat(sent.body().path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.body().path("messages").get(0).path("content").asText())
                .contains("You are Ann from the shop.", "[7] Refunds take 3-5 working days.");
        assertThat(sent.body().path("messages").findValuesAsText("role"))
                .containsExactly("system", "user", "assistant", "user");
        assertThat(sent.body().path("messages").get(0).path("content").asText()).doesNotContain("[NO_ANSWER]");

        fake.next(FakeOpenAiServer.reply("3-5 working days.", 10, 4));
        provider(Duration.ofSeconds(5), 1).complete(prompt(true));
        assertThat(fake.requests().getLast().body().path("messages").get(0).path("content").asText())
                .as("only a reply nobody reads first is told to admit it has no answer")
                .endsWith("[7] Refunds take 3-5 working days.\n\nIf these passages do not answer the customer's"
                        + " question, reply with exactly [NO_ANSWER] and nothing else.");
    }

    @Test
    void a5xxIsRetriedAndAMalformedAnswerFailsAtOnceWithoutTheKey() throws Exception {
        fake.next(FakeOpenAiServer.status(503), FakeOpenAiServer.reply("ok now", 1, 2));
        assertThat(provider(Duration.ofSeconds(5), 3).complete(prompt()).text()).isEqualTo("ok now");
        assertThat(fake.requests()).hasSize(2);

        fake.requests().clear();
        fake.next(FakeOpenAiServer.malformed());
        assertThat(failure(provider(Duration.ofSeconds(5), 3)))
                .isEqualTo(DraftFailure.of(DraftFailure.PROVIDER_MALFORMED, "provider", "deepseek"));
        assertThat(fake.requests()).hasSize(1);

        fake.next(FakeOpenAiServer.status(401));
        assertThat(failure(provider(Duration.ofSeconds(5), 3))).isEqualTo(DraftFailure.of(DraftFailure.PROVIDER_HTTP,
                "provider", "deepseek", "status", 401, "attempts", 1, DraftFailure.DETAIL, "overloaded"));
        assertThat(new OpenAiSettings("x", fake.baseUrl(), KEY, "m", Duration.ofSeconds(1), 1).toString())
                .doesNotContain(KEY);
    }

    @Test
    void theServersOwnWordsAreKeptShortAndWithoutAnyKey() {
        String echoed = "Incorrect API key provided: " + KEY + ". Also seen: Bearer abcdef123456 and sk-other-999999. "
                + "x".repeat(400);
        fake.next(FakeOpenAiServer.error(401, echoed));
        DraftFailure failure = failure(provider(Duration.ofSeconds(5), 3));
        assertThat(failure.code()).isEqualTo(DraftFailure.PROVIDER_HTTP);
        assertThat(failure.args()).containsEntry("status", "401");
        assertThat(failure.detail()).get().asString()
                .startsWith("Incorrect API key provided: ***. Also seen: Bearer *** and sk-*** xxx")
                .hasSize(201).endsWith("…").doesNotContain(KEY, "abcdef123456", "other-999999");
        assertThat(failure.stored()).doesNotContain(KEY);
    }

    @Test
    void aSlowAnswerTimesOutAfterEveryAttempt() {
        fake.always(FakeOpenAiServer.slow(1500));
        assertThat(failure(provider(Duration.ofMillis(200), 2))).isEqualTo(DraftFailure.of(
                DraftFailure.PROVIDER_TIMEOUT, "provider", "deepseek", "ms", 200, "attempts", 2));
    }

    private static DraftFailure failure(OpenAiProvider provider) {
        try {
            provider.complete(prompt());
        } catch (ProviderException e) {
            assertThat(e.getMessage()).doesNotContain(KEY);
            return e.reason();
        }
        throw new AssertionError("the provider answered");
    }
}
