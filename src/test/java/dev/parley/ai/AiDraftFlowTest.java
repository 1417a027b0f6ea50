package dev.parley.ai;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import dev.parley.card.Card;
import dev.parley.channel.ChannelGateway;
import dev.parley.channel.SentCard;
import dev.parley.command.CommandReply;
import dev.parley.command.CommandRequest;
import dev.parley.connector.gewe.GeweCallbackFixtures;
import dev.parley.outbound.GeweScenario;
import dev.parley.outbound.GeweScenario.Bot;
import dev.parley.rbac.Identity;
import dev.parley.console.CommandClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.parley.outbound.GeweScenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6 end to end: a WeChat account on {@code draft}, customer messages through the real GeWe webhook, a draft
 * from an OpenAI-compatible fake after the quiet period, the approval card in the chat bound with
 * {@code /channel bind drafts}, and Send, Reject, staleness, concurrent presses and provider failures.
 */
class AiDraftFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static FakeOpenAiServer ai;
    private static GeweScenario s;
    private static CardInbox inbox;

    @BeforeAll
    static void start() {
        ai = FakeOpenAiServer.start();
        s = GeweScenario.start("aidraft", Map.of("ai.base.url", ai.baseUrl().toString(), "ai.api.key", "sk-test-key",
                "ai.model", "fake-model", "ai.quiet.ms", "400", "ai.retries", "0", "ai.prices", "fake-model=1000/2000", "ai.keywords", "refund,退款"));
        inbox = new CardInbox("telegram");
        s.app().parley().deliveries().register(inbox);
        s.run("/role grant telegram:555 admin", "en");
        s.run("/role grant http:ops operator", "en");
        CommandReply bound = s.app().parley().engine().execute(new CommandRequest(new Identity("telegram", "555"),
                "-100777", "/channel bind drafts", null, "en"));
        assertThat(bound.outcome()).isEqualTo(CommandReply.Outcome.OK);
    }

    @AfterAll
    static void stop() {
        s.close();
        ai.close();
    }

    private static Bot draftingBot(String name) {
        Bot bot = s.bot(name);
        assertThat(s.run("/ai mode " + bot.id() + " draft", "en").text())
                .contains("draft (a human approves each reply), drafted by default");
        return bot;
    }

    private static CardInbox.Posted awaitCard(String customerText) {
        assertThat(eventually(() -> inbox.posted().stream().anyMatch(p -> p.card().text().contains(customerText)), WAIT))
                .as("a draft card for " + customerText).isTrue();
        return inbox.posted().stream().filter(p -> p.card().text().contains(customerText)).reduce((a, b) -> b).orElseThrow();
    }

    private static String action(CardInbox.Posted card, String label) {
        List<String> labels = card.card().buttons().stream().map(b -> b.label()).toList();
        return card.actionIds().get(labels.indexOf(label));
    }

    private static long draftId(Bot bot, String state) {
        return s.app().count("SELECT COALESCE(MAX(id), 0) FROM ai_drafts WHERE account_id = " + bot.id()
                + " AND state = '" + state + "'");
    }

    @Test
    void aBurstYieldsOneCardAndSendDeliversExactlyThatTextThroughGewe() throws Exception {
        Bot bot = draftingBot("客服A");
        ai.next(FakeOpenAiServer.reply("Shipping is free over 99 yuan.", 321, 45));
        s.callbacks().privateText(bot.appId(), "wxid_cust_a", "hi there");
        s.callbacks().privateText(bot.appId(), "wxid_cust_a", "is shipping free?");
        CardInbox.Posted card = awaitCard("is shipping free?");

        assertThat(card.chatId()).isEqualTo("-100777");
        assertThat(card.card().text()).contains("hi there\nis shipping free?");
        assertThat(card.card().fields()).anySatisfy(f -> assertThat(f.value()).isEqualTo("Shipping is free over 99 yuan."));
        assertThat(card.card().buttons()).extracting(b -> b.label()).containsExactly("Send", "Edit", "Regenerate", "Reject", "Take over");
        assertThat(s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE account_id = " + bot.id())).isEqualTo(1);
        assertThat(ai.requests().stream().filter(r -> r.body().toString().contains("is shipping free?"))).hasSize(1);

        CommandClient.Response sent = s.press(action(card, "Send"));
        assertThat(sent.text()).contains("is queued as outbound");
        assertThat(eventually(() -> s.sentBy(bot).size() == 1, WAIT)).isTrue();
        assertThat(s.sentBy(bot).getFirst().field("toWxid")).isEqualTo("wxid_cust_a");
        assertThat(s.sentBy(bot).getFirst().field("content")).isEqualTo("Shipping is free over 99 yuan.");
        assertThat(s.press(action(card, "Send")).text()).contains("is already sent");
        Thread.sleep(300);
        assertThat(s.sentBy(bot)).hasSize(1);

        assertThat(s.app().count("SELECT COUNT(*) FROM cost_ledger WHERE account_id = " + bot.id()
                + " AND tokens_in = 321 AND tokens_out = 45 AND cost_micros = 411000 AND result = 'ok'"
                + " AND provider = 'default' AND model = 'fake-model'")).isEqualTo(1);
        CommandClient.Response cost = s.run("/cost " + bot.id(), "en");
        assertThat(cost.text()).contains("default · fake-model", "1 call(s), 0 failed · 321 tokens in, 45 out · 0.4110 USD");
        assertThat(cost.body().path("card").path("image").toString()).contains("image/png");
        assertThat(s.app().get("/metrics").body())
                .contains("parley_ai_tokens_total{kind=\"in\",model=\"fake-model\"}", "parley_approvals_pending",
                        "parley_ai_requests_total{result=\"ok\"}", "parley_approval_latency_seconds_count");
    }

    @Test
    void twoAdminsPressingSendAtOnceSendOnce() throws Exception {
        Bot bot = draftingBot("客服B");
        ai.next(FakeOpenAiServer.reply("Our shop opens at 9.", 20, 6));
        s.callbacks().privateText(bot.appId(), "wxid_cust_b", "when do you open?");
        awaitCard("when do you open?");
        long id = draftId(bot, "pending");
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<String> admin = CompletableFuture.supplyAsync(() -> press(go, "admin", id));
        CompletableFuture<String> ops = CompletableFuture.supplyAsync(() -> press(go, "ops", id));
        go.countDown();
        List<String> answers = List.of(admin.get(), ops.get());
        assertThat(answers).filteredOn(a -> a.contains("is queued as outbound")).hasSize(1);
        assertThat(answers).filteredOn(a -> a.contains("is already")).hasSize(1);
        assertThat(eventually(() -> s.sentBy(bot).size() == 1, WAIT)).isTrue();
        Thread.sleep(500);
        assertThat(s.sentBy(bot)).hasSize(1);
        assertThat(s.app().count("SELECT COUNT(*) FROM outbound WHERE account_id = " + bot.id())).isEqualTo(1);
    }

    private static String press(CountDownLatch go, String user, long id) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return s.runAs(user, "/ai send #" + id, "en").text();
    }

    @Test
    void rejectSendsNothingAndADraftGoesStaleWhenTheCustomerWritesAgainOrAHumanAnswers() throws Exception {
        Bot bot = draftingBot("客服C");
        s.callbacks().privateText(bot.appId(), "wxid_cust_c", "first question");
        CardInbox.Posted first = awaitCard("first question");
        assertThat(s.press(action(first, "Reject")).text()).contains("is rejected; nothing was sent");
        assertThat(s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE account_id = " + bot.id()
                + " AND state = 'rejected' AND decided_by = 'http:admin'")).isEqualTo(1);

        s.callbacks().privateText(bot.appId(), "wxid_cust_c", "second question");
        CardInbox.Posted secondCard = awaitCard("second question");
        long second = draftId(bot, "pending");
        s.callbacks().privateText(bot.appId(), "wxid_cust_c", "third question");
        assertThat(eventually(() -> s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE id = " + second
                + " AND state = 'stale'") == 1, WAIT)).isTrue();
        assertThat(s.run("/ai send #" + second, "en").text()).contains("is already stale");
        assertThat(eventually(() -> inbox.posted().stream().anyMatch(p -> p.card().footer().startsWith("Draft #" + second + " ")
                && p.card().footer().contains("stale (the customer wrote again") && p.card().tone() == Card.Tone.WARNING
                && p.card().buttons().isEmpty()), WAIT)).as("the stale draft is shown again, saying so").isTrue();
        assertThat(inbox.posted().stream().filter(p -> p.card().footer().startsWith("Draft #" + second + " ")))
                .as("its card is edited in place, not posted again")
                .allSatisfy(p -> assertThat(p.messageId()).isEqualTo(secondCard.messageId()))
                .filteredOn(CardInbox.Posted::edit).hasSize(1);
        awaitCard("third question");
        long third = draftId(bot, "pending");
        assertThat(third).isGreaterThan(second);

        s.callbacks().post(GeweCallbackFixtures.privateTextSent(bot.appId(), bot.wxid(), "wxid_cust_c",
                "I'll take this one myself", "88" + System.nanoTime(), System.currentTimeMillis() / 1000));
        assertThat(eventually(() -> s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE id = " + third
                + " AND state = 'stale'") == 1, WAIT)).isTrue();
        assertThat(s.sentBy(bot)).isEmpty();
    }

    @Test
    void aDraftThatGoesStaleWhileItsCardIsOnItsWayGetsOneCardSayingSo() throws Exception {
        Bot bot = draftingBot("客服W");
        ai.next(FakeOpenAiServer.reply("Until 10 pm.", 5, 3));
        int before = inbox.arriving();
        inbox.hold();
        try {
            s.callbacks().privateText(bot.appId(), "wxid_cust_w", "is the Wanda shop open late?");
            assertThat(eventually(() -> inbox.arriving() > before, WAIT)).as("the card is on its way").isTrue();
            long first = draftId(bot, "pending");
            s.callbacks().privateText(bot.appId(), "wxid_cust_w", "and the Wanda one on Sundays?");
            assertThat(eventually(() -> s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE id = " + first
                    + " AND state = 'stale'") == 1, WAIT)).isTrue();
            Thread.sleep(300);
            assertThat(inbox.arriving()).as("no second card for the draft whose first is on its way")
                    .isEqualTo(before + 1);
        } finally {
            inbox.release();
        }
        long first = s.app().count("SELECT MIN(id) FROM ai_drafts WHERE account_id = " + bot.id());
        assertThat(eventually(() -> inbox.posted().stream().anyMatch(p -> p.edit()
                && p.card().footer().startsWith("Draft #" + first + " ") && p.card().footer().contains("stale")), WAIT))
                .as("the card that landed late is edited to say the draft went stale").isTrue();
        assertThat(inbox.posted()).filteredOn(p -> !p.edit() && p.card().footer().startsWith("Draft #" + first + " "))
                .hasSize(1);
        awaitCard("and the Wanda one on Sundays?");
    }

    @Test
    void editSendsTheAdminsOwnTextOnce() throws Exception {
        Bot bot = draftingBot("客服E");
        ai.next(FakeOpenAiServer.reply("We ship everywhere.", 9, 4));
        s.callbacks().privateText(bot.appId(), "wxid_cust_e", "do you ship to Macau?");
        CardInbox.Posted card = awaitCard("do you ship to Macau?");
        long id = draftId(bot, "pending");
        CommandClient.Response asked = s.press(action(card, "Edit"));
        assertThat(asked.text()).contains("Reply to this card with the text to send", "/ai edit " + id + " <text>",
                "We ship everywhere.");
        assertThat(asked.body().path("card").path("buttons").size()).isEqualTo(5);
        assertThat(s.run("/ai edit " + id + " Yes, Macau takes 3 days.", "en").text()).contains("is queued as outbound");
        assertThat(eventually(() -> s.sentBy(bot).size() == 1, WAIT)).isTrue();
        assertThat(s.sentBy(bot).getFirst().field("content")).isEqualTo("Yes, Macau takes 3 days.");
        assertThat(s.run("/ai edit " + id + " again", "en").text()).contains("is already sent");
        assertThat(s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE id = " + id
                + " AND state = 'sent' AND draft_text = 'Yes, Macau takes 3 days.'")).isEqualTo(1);
    }

    @Test
    void aReplyToTheCardIsSentAsWrittenByAnyoneWhoMaySendAndTheCardsShowIt() throws Exception {
        Bot bot = draftingBot("客服R");
        ai.next(FakeOpenAiServer.reply("Returns are free.", 9, 4));
        s.callbacks().privateText(bot.appId(), "wxid_cust_r", "can I return the shoes?");
        CardInbox.Posted card = awaitCard("can I return the shoes?");
        long id = draftId(bot, "pending");
        ChannelGateway gateway = s.app().parley().gateway();
        assertThat(eventually(() -> s.app().count("SELECT COUNT(*) FROM ai_draft_cards WHERE draft_id = " + id) == 1,
                WAIT)).as("where the card went is noted").isTrue();
        String written = "Yes — within 30 days.\nSend them to \"Shop #2\", 5 Main St.";

        s.run("/role grant telegram:556 viewer", "en");
        Optional<CommandReply> refused = gateway.replied(new Identity("telegram", "556"), card.sent("telegram"),
                written, "en");
        assertThat(refused).hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo(CommandReply.Outcome.DENIED));
        assertThat(gateway.replied(new Identity("telegram", "555"), new SentCard("telegram", "-100777", "m999999"),
                written, "en")).as("a reply to a message that is no draft card is nothing").isEmpty();
        assertThat(gateway.replied(new Identity("telegram", "555"), card.sent("telegram"), "/ai drafts", "en"))
                .as("a command in reply is a command").isEmpty();

        CommandReply sent = gateway.replied(new Identity("telegram", "555"), card.sent("telegram"), written, "en")
                .orElseThrow();
        assertThat(sent.card().text()).contains("is queued as outbound", written);
        assertThat(eventually(() -> s.sentBy(bot).size() == 1, WAIT)).isTrue();
        assertThat(s.sentBy(bot).getFirst().field("content")).isEqualTo(written);
        assertThat(s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE id = " + id
                + " AND state = 'sent' AND decided_by = 'telegram:555'")).isEqualTo(1);
        assertThat(eventually(() -> inbox.posted().stream().anyMatch(p -> p.edit()
                && p.messageId().equals(card.messageId()) && p.card().buttons().isEmpty()
                && p.card().footer().contains("· sent")), WAIT)).as("the card replied to shows it was sent").isTrue();
        assertThat(gateway.replied(new Identity("telegram", "555"), card.sent("telegram"), "once more", "en")
                .orElseThrow().card().text()).contains("is already sent");
        Thread.sleep(300);
        assertThat(s.sentBy(bot)).hasSize(1);
    }

    @Test
    void aHumanReplyFromThePhonePausesDraftingInThatChatUntilResumedAndTakeOverPausesItToo() throws Exception {
        Bot bot = draftingBot("客服T");
        s.callbacks().post(GeweCallbackFixtures.privateTextSent(bot.appId(), bot.wxid(), "wxid_cust_t",
                "Hello, this is Ann", "77" + System.nanoTime(), System.currentTimeMillis() / 1000));
        assertThat(eventually(() -> s.app().count("SELECT COUNT(*) FROM ai_pauses WHERE account_id = " + bot.id()
                + " AND chat_id = 'wxid_cust_t' AND paused_by = 'phone'") == 1, WAIT)).isTrue();
        assertThat(s.run("/ai status", "en").body().toString()).contains("paused · wxid_cust_t · 客服T", ", by phone")
                .doesNotContain("(wxid_cust_t)");
        s.callbacks().privateText(bot.appId(), "wxid_cust_t", "are you there?");
        Thread.sleep(1500);
        assertThat(s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE account_id = " + bot.id())).isZero();

        assertThat(s.run("/ai resume " + bot.id() + " wxid_cust_t", "en").text()).contains("gets drafts again");
        s.callbacks().privateText(bot.appId(), "wxid_cust_t", "hello??");
        CardInbox.Posted card = awaitCard("hello??");
        assertThat(card.card().text()).contains("are you there?\nhello??");
        assertThat(card.card().footer()).contains("wxid_cust_t");

        assertThat(s.press(action(card, "Take over")).text()).contains("is rejected and AI drafting waits in chat wxid_cust_t");
        assertThat(s.app().count("SELECT COUNT(*) FROM ai_pauses WHERE account_id = " + bot.id()
                + " AND paused_by = 'http:admin'")).isEqualTo(1);
        s.callbacks().privateText(bot.appId(), "wxid_cust_t", "anyone?");
        Thread.sleep(1500);
        assertThat(s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE account_id = " + bot.id())).isEqualTo(1);
        assertThat(s.sentBy(bot)).isEmpty();
    }

    @Test
    void inAGroupOnlyMentionsOfTheAccountAndKeywordsAskForADraft() throws Exception {
        Bot bot = draftingBot("客服G");
        String room = "4455" + (System.nanoTime() % 100_000) + "@chatroom";
        s.group(bot, room, "售后群", 3, "wxid_m1", "Mia", "wxid_m2", "小马");
        s.callbacks().groupText(bot.appId(), room, "wxid_m1", "nice weather today");
        ai.next(FakeOpenAiServer.reply("It costs 20 yuan.", 8, 3));
        s.callbacks().groupText(bot.appId(), room, "wxid_m1", "@客服G how much is it?", bot.wxid());
        CardInbox.Posted mentioned = awaitCard("how much is it?");
        assertThat(mentioned.card().text()).doesNotContain("nice weather");
        assertThat(s.press(action(mentioned, "Reject")).text()).contains("is rejected");

        s.callbacks().groupText(bot.appId(), room, "wxid_m2", "chatting about lunch");
        ai.next(FakeOpenAiServer.reply("Refunds take 3 days.", 8, 3));
        s.callbacks().groupText(bot.appId(), room, "wxid_m2", "I want a REFUND please");
        CardInbox.Posted keyword = awaitCard("I want a REFUND please");
        assertThat(keyword.card().text()).doesNotContain("lunch");
        s.press(action(keyword, "Send"));
        assertThat(eventually(() -> s.sentBy(bot).size() == 1, WAIT)).isTrue();
        assertThat(s.sentBy(bot).getFirst().field("toWxid")).isEqualTo(room);
        assertThat(s.sentBy(bot).getFirst().field("content")).as("the reply mentions whom it answers")
                .isEqualTo("@小马 Refunds take 3 days.");
        assertThat(s.sentBy(bot).getFirst().field("ats")).isEqualTo("wxid_m2");
        assertThat(s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE account_id = " + bot.id())).isEqualTo(2);
    }

    @Test
    void anAccountCanBeDraftedForByAnotherConfiguredProvider() {
        Bot bot = s.bot("客服P");
        assertThat(s.run("/ai mode " + bot.id() + " draft nosuch", "en").text())
                .contains("There is no provider “nosuch”; configured: default, kb");
        assertThat(s.run("/ai mode " + bot.id() + " draft kb", "en").text()).contains("drafted by kb");
        assertThat(s.run("/ai status", "en").text()).contains("客服P", "draft (a human approves each reply) · kb");
        int before = ai.requests().size();
        s.callbacks().privateText(bot.appId(), "wxid_cust_p", "what about the warranty?");
        CardInbox.Posted card = awaitCard("what about the warranty?");
        assertThat(card.card().footer()).contains(" · kb · ");
        assertThat(card.card().fields()).anySatisfy(f -> assertThat(f.value())
                .contains("no knowledge-base passage matches"));
        assertThat(ai.requests()).hasSize(before);
        assertThat(s.press(action(card, "Reject")).text()).contains("is rejected");
    }

    @Test
    void onAutoADraftWithoutKnowledgeBaseGroundingStillWaitsForAHuman() throws Exception {
        Bot bot = s.bot("客服Z");
        assertThat(s.run("/ai mode " + bot.id() + " auto", "en").text()).contains("auto (replies grounded");
        ai.next(FakeOpenAiServer.reply("Probably yes.", 5, 2));
        s.callbacks().privateText(bot.appId(), "wxid_cust_z", "is it waterproof?");
        CardInbox.Posted card = awaitCard("is it waterproof?");
        assertThat(card.card().buttons()).extracting(b -> b.label()).contains("Send");
        assertThat(card.card().fields()).anySatisfy(f -> assertThat(f.label() + ": " + f.value()).isEqualTo(
                "Not sent automatically: No knowledge-base passage matched, so this reply needs a human's decision."));
        Thread.sleep(300);
        assertThat(s.sentBy(bot)).isEmpty();
        assertThat(s.press(action(card, "Reject")).text()).contains("is rejected");
    }

    @Test
    void aChatBoundToOneAccountsDraftsGetsOnlyThose() {
        Bot mine = draftingBot("客服S");
        Bot other = draftingBot("客服O");
        Identity admin = new Identity("telegram", "555");
        CommandReply bound = s.app().parley().engine().execute(new CommandRequest(admin, "-100888",
                "/channel bind drafts " + mine.id(), null, "en"));
        assertThat(bound.card().text()).contains("AI reply drafts of 客服S", "/channel unbind drafts " + mine.id());
        assertThat(s.app().parley().engine().execute(new CommandRequest(admin, "-100888",
                "/channel bind alerts " + mine.id(), null, "en")).card().text())
                .contains("Only drafts can be narrowed to one account");
        assertThat(s.run("/channel list", "en").text()).contains("AI reply drafts of 客服S");

        s.callbacks().privateText(other.appId(), "wxid_cust_o", "question for other");
        s.callbacks().privateText(mine.appId(), "wxid_cust_s", "question for mine");
        CardInbox.Posted forMine = awaitCard("question for mine");
        awaitCard("question for other");
        assertThat(eventually(() -> inbox.posted().stream().filter(p -> p.card().text().contains("question for mine"))
                .map(CardInbox.Posted::chatId).toList().containsAll(List.of("-100777", "-100888")), WAIT)).isTrue();
        assertThat(inbox.posted().stream().filter(p -> p.card().text().contains("question for other"))
                .map(CardInbox.Posted::chatId)).containsExactly("-100777");
        s.press(action(forMine, "Reject"));
        assertThat(eventually(() -> inbox.posted().stream().filter(p -> p.edit() && p.chatId().equals("-100888")
                        && p.card().text().contains("question for mine")).anyMatch(p -> p.card().buttons().isEmpty()
                        && p.card().footer().contains("· rejected")), WAIT))
                .as("a decision in one chat shows on the card in the other").isTrue();
        s.run("/ai reject " + draftId(other, "pending"), "en");
        s.app().parley().engine().execute(new CommandRequest(admin, "-100888", "/channel unbind drafts " + mine.id(),
                null, "en"));
    }

    @Test
    void malformedProviderJsonGivesAClearErrorCardLedgerRowAndNothingSent() throws Exception {
        Bot bot = draftingBot("客服D");
        ai.next(FakeOpenAiServer.malformed());
        s.callbacks().privateText(bot.appId(), "wxid_cust_d", "can I pay by card?");
        CardInbox.Posted card = awaitCard("can I pay by card?");
        assertThat(card.card().tone()).isEqualTo(Card.Tone.ERROR);
        assertThat(card.card().fields()).anySatisfy(f -> assertThat(f.value()).contains("malformed JSON from default"));
        assertThat(card.card().buttons()).extracting(b -> b.label()).containsExactly("Edit", "Regenerate", "Reject", "Take over");
        assertThat(s.app().count("SELECT COUNT(*) FROM cost_ledger WHERE account_id = " + bot.id()
                + " AND result = 'error'")).isEqualTo(1);

        ai.next(FakeOpenAiServer.replyAfter(800, "Yes, all major cards.", 12, 7));
        long id = draftId(bot, "failed");
        CommandClient.Response asked = s.press(action(card, "Regenerate"));
        assertThat(asked.text()).as("answered at once, the provider still thinking").contains("being drafted")
                .doesNotContain("Yes, all major cards.");
        assertThat(asked.body().path("card").path("buttons").size()).isZero();
        assertThat(s.run("/ai send #" + id, "en").text()).as("nobody sends a draft being rewritten")
                .contains("is already being drafted");
        assertThat(eventually(() -> inbox.posted().stream().anyMatch(p -> p.edit()
                && p.messageId().equals(card.messageId()) && p.card().fields().stream()
                .anyMatch(f -> f.value().equals("Yes, all major cards.")) && p.card().buttons().size() == 5), WAIT))
                .as("the new draft replaces the card, with its buttons").isTrue();
        assertThat(s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE id = " + id
                + " AND state = 'pending' AND draft_text = 'Yes, all major cards.'")).isEqualTo(1);
        assertThat(s.run("/ai drafts", "en").text()).contains("#" + id);
        assertThat(s.sentBy(bot)).isEmpty();
    }

    @Test
    void anErrorAnswerIsShownAsAReasonWithTheServersOwnWordsLabelledAndNeverTheKey() {
        Bot bot = draftingBot("客服H");
        ai.next(FakeOpenAiServer.error(401, "Incorrect API key provided: sk-test-key"));
        s.callbacks().privateText(bot.appId(), "wxid_cust_h", "where is my parcel?");
        CardInbox.Posted card = awaitCard("where is my parcel?");
        assertThat(card.card().fields()).anySatisfy(f -> assertThat(f.value())
                .isEqualTo("default answered HTTP 401 (after 1 attempt(s)); Regenerate asks again.\n"
                        + "The server said: Incorrect API key provided: ***"));
        assertThat(card.card().toString()).doesNotContain("sk-test-key");
        assertThat(s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE account_id = " + bot.id()
                + " AND error LIKE '%sk-test-key%'")).isZero();
        s.run("/ai reject " + draftId(bot, "failed"), "en");
    }

    @Test
    void aChatSetToOffGetsNoDraftWhileAnotherChatOfTheAccountDoesUntilItInheritsAgain() throws Exception {
        Bot bot = draftingBot("客服M");
        s.contact(bot, "wxid_cust_quiet", "Olga", null);
        assertThat(s.run("/ai mode " + bot.id() + " off chat:Olga", "en").text())
                .contains("Chat wxid_cust_quiet of 客服M: off", "no longer follows the account");
        assertThat(s.run("/ai status", "en").body().toString()).contains("chat Olga (wxid_cust_quiet) · 客服M");

        s.callbacks().privateText(bot.appId(), "wxid_cust_quiet", "please no robots");
        s.callbacks().privateText(bot.appId(), "wxid_cust_loud", "robots welcome");
        awaitCard("robots welcome");
        Thread.sleep(800);
        assertThat(s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE account_id = " + bot.id()
                + " AND chat_id = 'wxid_cust_quiet'")).isZero();

        assertThat(s.run("/ai mode " + bot.id() + " default chat:wxid_cust_quiet", "en").text())
                .contains("Chat wxid_cust_quiet of 客服M follows the account again (draft");
        assertThat(s.run("/ai status", "en").body().toString()).doesNotContain("wxid_cust_quiet");
        assertThat(s.run("/ai mode " + bot.id() + " inherit chat:wxid_cust_quiet", "en").text())
                .contains("has no mode of its own");
        s.callbacks().privateText(bot.appId(), "wxid_cust_quiet", "ok, robots then");
        awaitCard("ok, robots then");
        s.run("/ai reject " + draftId(bot, "pending"), "en");
        s.run("/ai reject " + draftId(bot, "pending"), "en");
    }

    @Test
    void aChatSetToDraftOnAnAccountThatIsOffGetsDraftsAndBadInputChangesNothing() throws Exception {
        Bot bot = s.bot("客服N");
        s.contact(bot, "wxid_cust_vip", "Vera", "VIP");
        assertThat(s.run("/ai mode " + bot.id() + " draft chat:wxid_nobody", "en").text())
                .contains("Account 客服N has no chat “wxid_nobody”");
        assertThat(s.run("/ai mode " + bot.id() + " draft chat:wxid_nobody", "zh-CN").text())
                .contains("账号 客服N 没有聊天“wxid_nobody”");
        assertThat(s.run("/ai mode " + bot.id() + " sometimes chat:VIP", "en").text()).contains("is not a choice here");
        assertThat(s.run("/ai mode " + bot.id() + " inherit", "en").text()).contains("inherit is for one chat");
        assertThat(s.app().count("SELECT COUNT(*) FROM ai_settings WHERE account_id = " + bot.id())).isZero();

        assertThat(s.run("/ai mode " + bot.id() + " 草稿 聊天:VIP", "zh-CN").text())
                .contains("客服N 的聊天 wxid_cust_vip：草稿");
        assertThat(s.run("/ai status", "en").body().toString()).contains("chat VIP (wxid_cust_vip) · 客服N");
        assertThat(s.run("/ai status", "zh-CN").body().toString()).contains("聊天 VIP（wxid_cust_vip） · 客服N");
        s.callbacks().privateText(bot.appId(), "wxid_cust_other", "am I drafted?");
        s.callbacks().privateText(bot.appId(), "wxid_cust_vip", "vip question");
        awaitCard("vip question");
        Thread.sleep(800);
        assertThat(s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE account_id = " + bot.id()
                + " AND chat_id = 'wxid_cust_other'")).isZero();
        s.run("/ai reject " + draftId(bot, "pending"), "en");
    }
}
