/**
 * The Telegram admin channel: {@link dev.parley.channel.telegram.TelegramBot} starts it from
 * {@link dev.parley.channel.telegram.TelegramSettings} without blocking start-up; updates arrive by long polling
 * ({@code LongPoller}) or at {@link dev.parley.channel.telegram.TelegramWebhookService}, {@code UpdateRouter}
 * turns them into what the port's {@code Interactions} runs, and {@link dev.parley.channel.telegram.TelegramChannel}
 * posts and edits cards as HTML messages with inline keyboards through {@code TelegramApi}.
 *
 * <p>The core never imports this package (only the wiring in {@code Parley} does), and it must not import another
 * adapter, channel or connector. It is the only package that imports the Telegram SDK ({@code org.telegram}), and
 * OkHttp with it.
 */
package dev.parley.channel.telegram;
