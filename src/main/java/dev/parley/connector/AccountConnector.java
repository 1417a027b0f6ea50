package dev.parley.connector;

import java.util.List;

import dev.parley.account.Platform;

/**
 * What Parley needs from a messaging platform to run accounts on it: log in by QR code, stay online,
 * send and withdraw messages, read contacts and groups, and fetch media. The core talks only to this
 * port; each platform (GeWe for WeChat today) is an adapter package and the only place its API is used.
 * Accounts are named by their provider id ({@code externalId}, the GeWe appId).
 */
public interface AccountConnector extends AutoCloseable {
    /** @return the platform this connector runs accounts on */
    Platform platform();

    /**
     * Starts a QR login.
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
     * Tells the platform where to deliver callbacks.
     *
     * @param callbackUrl the public URL of this service's webhook
     * @throws ConnectorException when the platform refuses or cannot be reached
     */
    void registerCallback(String callbackUrl) throws ConnectorException;

    /**
     * Sends a text.
     *
     * @param externalId the sending account
     * @param chatId     a contact or group id
     * @param text       the text; for a mention it already contains {@code @Name}
     * @param mentions   user ids mentioned (group chats), may be empty
     * @return the platform's ids of the sent message, needed to withdraw it
     * @throws ConnectorException when it was not sent (see {@link ConnectorException#kind()})
     */
    SentMessage sendText(String externalId, String chatId, String text, List<String> mentions) throws ConnectorException;

    /**
     * Withdraws a sent message.
     *
     * @param externalId the account that sent it
     * @param chatId     where it was sent
     * @param sent       the ids returned when it was sent
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
     * Asks the platform for a download link of the media of a received message.
     *
     * @param externalId the account that received it
     * @param media      which message, as stored
     * @return a URL the media can be fetched from
     * @throws ConnectorException when the platform refuses or cannot be reached
     */
    String mediaUrl(String externalId, MediaRef media) throws ConnectorException;

    /** Releases the connector's resources (HTTP clients); safe to call more than once. */
    @Override
    void close();
}
