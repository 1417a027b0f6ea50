/**
 * The Feishu / Lark admin channel: {@link dev.parley.channel.feishu.FeishuAdmin} starts it from
 * {@link dev.parley.channel.feishu.FeishuSettings} or says why it is off; events come signed and encrypted to
 * {@link dev.parley.channel.feishu.FeishuWebhookService} or over the long connection ({@code FeishuLongConnection}),
 * {@code FeishuConversations} turns them into what the port's {@code Interactions} runs, and {@code FeishuChannel}
 * posts and patches cards rendered as interactive cards ({@code FeishuCardJson}) through {@code FeishuOpenApi}.
 *
 * <p>The core never imports this package (only the wiring in {@code Parley} does), and it must not import another
 * adapter, channel or connector. It is the only package that imports the Lark SDK ({@code com.lark.oapi}).
 */
package dev.parley.channel.feishu;
