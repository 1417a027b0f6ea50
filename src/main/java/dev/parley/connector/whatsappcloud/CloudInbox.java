package dev.parley.connector.whatsappcloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.parley.account.AccountKey;
import dev.parley.account.Platform;
import dev.parley.connector.AccountIntake;
import dev.parley.connector.ContactUpdate;
import dev.parley.connector.Receipt;

/**
 * Hands what a webhook delivery says to the {@link AccountIntake}: each number's business account learnt, senders'
 * names, receipts (recorded before the future completes), quality warnings, and the messages through the group
 * commit. New messages are announced to the features only once Meta has its answer.
 */
final class CloudInbox {
    private final AccountIntake intake;
    private final CloudNumbers numbers;

    CloudInbox(AccountIntake intake, CloudNumbers numbers) {
        this.intake = intake;
        this.numbers = numbers;
    }

    /**
     * @param delivery a parsed, signed delivery
     * @return completes once all of it is durable, with what to tell the features then
     */
    CompletableFuture<AccountIntake.Stored> take(CloudPayloads.Delivery delivery) {
        delivery.wabas.forEach(numbers::learnWaba);
        List<AccountIntake.Announcement> contacts = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> names : delivery.names.entrySet()) {
            names.getValue().forEach((waId, name) -> contacts.add(intake.contact(key(names.getKey()),
                    new ContactUpdate(waId, ContactUpdate.Kind.PERSON, name, null, null))));
        }
        for (Map.Entry<String, List<Receipt>> receipts : delivery.receipts.entrySet()) {
            intake.receipts(key(receipts.getKey()), receipts.getValue());
        }
        for (CloudPayloads.QualityUpdate update : delivery.quality) {
            if (update.warns()) {
                numbers.byDisplayNumber(update.displayDigits()).ifPresent(phoneId -> intake.atRisk(key(phoneId),
                        "quality", update.event() + (update.currentLimit().isEmpty() ? "" : " · " + update.currentLimit())));
            }
        }
        contacts.forEach(AccountIntake.Announcement::announce);
        return intake.submit(delivery.arrivals);
    }

    private static AccountKey key(String phoneId) {
        return new AccountKey(Platform.WHATSAPP_CLOUD, phoneId);
    }
}
