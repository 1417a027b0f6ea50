/**
 * The DingTalk admin channel: Parley's adapter for an enterprise-internal DingTalk app with a robot. It owns
 * everything DingTalk-specific, and is the only package that imports DingTalk's Stream SDK
 * ({@code com.dingtalk.open:app-stream-client}); the core never imports this package, it sees the channel
 * only through the channel port the wiring connects it to.
 *
 * <p>What is here:
 * <ul>
 *   <li>{@link dev.parley.channel.dingtalk.DingTalkAdmin}: the channel as {@code Parley} holds it (an
 *       {@code AdminChannel}); {@link dev.parley.channel.dingtalk.DingTalkConversations} turns robot messages, taps on
 *       link buttons and card presses into what the port's {@code Interactions} runs;
 *       {@link dev.parley.channel.dingtalk.DingTalkChannel} posts cards (session webhook or OpenAPI) and edits
 *       interactive cards; {@link dev.parley.channel.dingtalk.DingTalkWebhookService} takes signed HTTP callbacks;</li>
 *   <li>{@link dev.parley.channel.dingtalk.DingTalkSettings}: {@code parley.dingtalk.*} (client id and secret,
 *       {@code stream} or {@code http} mode, API bases, the interactive card template);</li>
 *   <li>receiving: {@link dev.parley.channel.dingtalk.StreamConnection} (the SDK's outbound WebSocket, no public
 *       URL needed) or HTTP callbacks checked by {@link dev.parley.channel.dingtalk.CallbackSignature}; both
 *       deliver the same JSON, read by {@link dev.parley.channel.dingtalk.RobotMessage}, and card button presses
 *       read by {@link dev.parley.channel.dingtalk.CardCallback};</li>
 *   <li>sending: {@link dev.parley.channel.dingtalk.DingTalkOpenApi} (robot messages to a person or a group,
 *       interactive cards, media upload, session webhooks, custom robot webhooks signed by
 *       {@link dev.parley.channel.dingtalk.RobotWebhookSigner} — tested, not yet offered as an alert target);</li>
 *   <li>rendering: {@link dev.parley.channel.dingtalk.DingTalkMarkdown} turns a Parley card into DingTalk
 *       markdown (buttons become links that make the presser send the command) or into the variables of the
 *       interactive card template in {@code deploy/dingtalk/}.</li>
 * </ul>
 *
 * <p>DingTalk facts relied on are cited at the classes (open.dingtalk.com documents). Replies cannot travel over
 * the Stream connection: they go through a message's session webhook or the OpenAPI.
 */
package dev.parley.channel.dingtalk;
