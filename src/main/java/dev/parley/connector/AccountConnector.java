package dev.parley.connector;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.parley.account.Platform;

import io.helidon.webserver.http.HttpRouting;

/**
 * What Parley needs from a messaging platform to run accounts on it: log in, stay online, send and withdraw
 * messages, read contacts and groups, and fetch media. The core talks only to this port, and hears from the
 * platform through the {@link AccountIntake} it gives the connector; each platform is an adapter package and the
 * only place its API is used. Accounts are named by their provider id ({@code externalId}: a GeWe appId, a
 * WhatsApp session id).
 */
public interface AccountConnector extends AutoCloseable {
    /** @return the platform this connector runs accounts on */
    Platform platform();

    /**
     * Registers the endpoints the platform calls (webhooks), if it has any.
     *
     * @param routing the server's routing
     */
    default void routing(HttpRouting.Builder routing) {
    }

    /**
     * Starts what runs the accounts in the background (sessions to resume), once every feature listens to the
     * intake. Connectors that only answer calls need nothing.
     */
    default void start() {
    }

    /**
     * @return whether accounts can be logged in and run now; false when the platform's settings or a program it needs
     *         are missing (what is missing is the {@code connector.not_configured.<platform>} text)
     */
    boolean available();

    /** @return how the connector is doing, for {@code /health} and {@code /status} */
    ConnectorStatus status();

    /**
     * Reads a chat id someone typed the way this platform spells ids.
     *
     * @param typed what was typed (an id, a phone number…)
     * @return the chat and whether it is private or a group; empty when it is no chat of this platform one can write to
     */
    Optional<ChatRef> chat(String typed);

    /**
     * @return whether accounts of this platform come into service with credentials an admin types (an API token)
     *         through {@link #connect}, instead of a code scanned on a phone through {@link #startLogin}
     */
    default boolean connectsWithCredentials() {
        return false;
    }

    /**
     * Checks credentials against the platform and keeps them (encrypted) to run the account with: how accounts come
     * into service where {@link #connectsWithCredentials()}.
     *
     * @param credentials what the admin typed, by option name ({@code phone-id}, {@code token}…); for an account
     *                    already known, new values replace the kept ones and missing ones are kept
     * @return who the account is
     * @throws ConnectorException when the platform refuses them ({@link ConnectorException.Kind#CONFIGURATION}: wrong
     *                            or expired credentials) or cannot be reached
     */
    default Connected connect(Map<String, String> credentials) throws ConnectorException {
        throw new ConnectorException(ConnectorException.Kind.PERMANENT, platform().code()
                + " accounts log in with a code scanned on the phone", null);
    }

    /**
     * @param externalId the account
     * @return what the platform says about the account for its card (quality, limits), possibly nothing
     * @throws ConnectorException when the platform cannot be asked
     */
    default List<AccountFact> facts(String externalId) throws ConnectorException {
        return List.of();
    }

    /**
     * @return how long after a person's last message free text may still be sent to them; outside it only an
     *         approved {@linkplain #sendTemplate template} may be sent. Empty: free text any time.
     */
    default Optional<Duration> replyWindow() {
        return Optional.empty();
    }

    /**
     * @param externalId the account
     * @return the templates the platform has for it, approved or not
     * @throws ConnectorException when the platform refuses or cannot be reached, or has no templates
     */
    default List<MessageTemplate> templates(String externalId) throws ConnectorException {
        throw new ConnectorException(ConnectorException.Kind.PERMANENT, platform().code() + " has no templates", null);
    }

    /**
     * Sends an approved template.
     *
     * @param externalId the sending account
     * @param chatId     the person
     * @param template   which template, with its parameters
     * @return the sent message's id
     * @throws ConnectorException when it was not sent (see {@link ConnectorException#kind()})
     */
    default SentMessage sendTemplate(String externalId, String chatId, TemplateMessage template)
            throws ConnectorException {
        throw new ConnectorException(ConnectorException.Kind.PERMANENT, platform().code() + " has no templates", null);
    }

    /**
     * Starts a login: a QR code to scan, or a pairing code to type on the phone.
     *
     * @param externalId the account's provider id to log in again on the same device, or {@code null} for a new one
     * @param options    where to log in from
     * @return the login to show and poll
     * @throws ConnectorException when the platform refuses or cannot be reached
     */
    LoginStart startLogin(String externalId, LoginOptions options) throws ConnectorException;

    /**
     * @param login            a login started with {@link #startLogin}
     * @param verificationCode the code the phone shows when the platform asks for one, or {@code null}
     * @return how far the person with the phone got
     * @throws ConnectorException when the platform refuses or cannot be reached
     */
    LoginProgress checkLogin(LoginStart login, String verificationCode) throws ConnectorException;

    /**
     * @param externalId the account
     * @return whether the platform says the account is online
     * @throws ConnectorException when the platform cannot be asked
     */
    boolean isOnline(String externalId) throws ConnectorException;

    /**
     * Asks the platform to reconnect an account that dropped offline without a new login.
     *
     * @param externalId the account
     * @throws ConnectorException when it could not reconnect
     */
    void reconnect(String externalId) throws ConnectorException;

    /**
     * @param externalId the account to log out
     * @throws ConnectorException when the platform refuses or cannot be reached
     */
    void logout(String externalId) throws ConnectorException;

    /**
     * Readies an account that just logged in to deliver what it receives (GeWe: registers the webhook's URL).
     *
     * @param externalId the account
     * @throws ConnectorException when the platform refuses or cannot be reached; the account is online anyway
     */
    default void afterLogin(String externalId) throws ConnectorException {
    }

    /**
     * Sends a text.
     *
     * @param externalId the sending account
     * @param chatId     a contact or group id
     * @param text       the text; for a mention it already contains {@code @Name}
     * @param mentions   user ids mentioned (group chats), may be empty
     * @return the sent message's id and what withdrawing it needs
     * @throws ConnectorException when it was not sent (see {@link ConnectorException#kind()})
     */
    SentMessage sendText(String externalId, String chatId, String text, List<String> mentions) throws ConnectorException;

    /**
     * Withdraws a sent message.
     *
     * @param externalId the account that sent it
     * @param chatId     where it was sent
     * @param sent       what {@link #sendText} returned
     * @throws ConnectorException when it could not be withdrawn (e.g. too old)
     */
    void revoke(String externalId, String chatId, SentMessage sent) throws ConnectorException;

    /**
     * @param externalId the account
     * @return the ids of its friends, groups and official accounts
     * @throws ConnectorException when the platform refuses or cannot be reached
     */
    ContactBook contacts(String externalId) throws ConnectorException;

    /** @return how many ids {@link #profiles} takes at most per call */
    int maxProfileBatch();

    /**
     * @param externalId the account
     * @param ids        contact or group ids, at most {@link #maxProfileBatch()}
     * @return what the platform knows about them (names, remarks)
     * @throws ConnectorException when the platform refuses or cannot be reached
     */
    List<ContactProfile> profiles(String externalId, List<String> ids) throws ConnectorException;

    /**
     * @param externalId the account
     * @param groupId    a group it is in
     * @return the group's name, owner and current members
     * @throws ConnectorException when the platform refuses or cannot be reached
     */
    GroupSnapshot group(String externalId, String groupId) throws ConnectorException;

    /**
     * Says where the media of a received message can be downloaded (asking the platform, where it must be asked).
     *
     * @param externalId the account that received it
     * @param media      which message, as stored
     * @return the URL to fetch, and how to turn what it serves into the file
     * @throws ConnectorException when the platform refuses or cannot be reached, or the message has no media
     */
    MediaLink media(String externalId, MediaRef media) throws ConnectorException;

    /** Stops what the connector runs and releases its resources (HTTP clients, processes); safe to call twice. */
    @Override
    void close();
}
