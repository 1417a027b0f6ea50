/**
 * Media of received messages, on demand: {@link dev.parley.media.MediaCommand} ({@code /media <#message>}) queues a
 * download in {@link dev.parley.media.MediaDownloads} (one at a time, paced, each message once), which fetches it
 * through the account's connector into {@link dev.parley.media.MediaCache}; {@link dev.parley.media.MediaService}
 * serves the file at {@code GET /api/media/<message id>} to callers with the admin token.
 *
 * <p>Nothing is downloaded unless an admin asks. It must not import a channel or connector adapter, nor any platform
 * SDK: platforms are reached only through the connector port's media calls.
 */
package dev.parley.media;
