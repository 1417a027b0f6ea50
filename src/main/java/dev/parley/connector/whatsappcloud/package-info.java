/**
 * WhatsApp Business numbers on Meta's official Cloud API: the Graph API calls ({@code GraphApi}, plain HTTP and
 * Jackson), what Graph's error codes mean for sending ({@code GraphError}), the sealed tokens of the numbers
 * ({@code CloudNumbers}), and Meta's signed webhooks ({@code CloudWebhookService}) read into messages, receipts and
 * warnings ({@code CloudPayloads}, {@code CloudInbox}). {@link dev.parley.connector.whatsappcloud.CloudConnector} is
 * the one public class: the connector port for {@code whatsapp-cloud} accounts.
 *
 * <p>It talks to the core only through the connector port ({@code dev.parley.connector}) and the parts the
 * {@link dev.parley.connector.ConnectorContext} gives it; it must not import another adapter (the WhatsApp Web bridge
 * shares nothing with it but the name), a channel, or the outbound queue. Tokens are opened only to call Graph.
 */
package dev.parley.connector.whatsappcloud;
