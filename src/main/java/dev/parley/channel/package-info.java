/**
 * The admin-channel port: what every chat platform Parley is administered from shares, written once.
 *
 * <p>Owns {@link dev.parley.channel.Interactions} (a typed command, a reply to a card or a button press → run it as the
 * person → post the answer or show it in place of the pressed card → retry → tell the deliveries where it is shown),
 * {@link dev.parley.channel.ChannelDeliveries} (background posts and live-card edits, with the one per-message
 * generation guard that keeps an old version from landing over an answer), {@link dev.parley.channel.RetryPolicy},
 * {@link dev.parley.channel.SendPacer} (token buckets shaped by each platform's published limits), the
 * {@link dev.parley.channel.ChatChannel} and {@link dev.parley.channel.AdminChannel} interfaces adapters implement, and
 * the bindings of chats to alerts, digests and drafts.
 *
 * <p>An adapter ({@code channel.telegram}, {@code channel.feishu}, …) is only its settings, its intake (the platform's
 * events turned into {@code Typed} and {@code Press}), a card renderer to the platform's native format, file and image
 * upload, and its status. This package never imports a chat SDK or an adapter package; {@code PortsAndAdaptersTest}
 * keeps it so.
 */
package dev.parley.channel;
