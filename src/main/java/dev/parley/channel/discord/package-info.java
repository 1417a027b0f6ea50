/**
 * The Discord admin channel: Parley's adapter for a Discord bot, and the only package that imports JDA
 * ({@code net.dv8tion:JDA}); the core never imports this package, it sees the channel through the channel port.
 *
 * <p>What is here: {@link dev.parley.channel.discord.DiscordSettings} ({@code parley.discord.*});
 * {@link dev.parley.channel.discord.DiscordAdmin}, the channel as {@code Parley} holds it (the gateway connection,
 * slash commands registered from the catalog by {@link dev.parley.channel.discord.SlashCommands}, and the
 * interactions turned into what the port's {@code Interactions} runs); {@link dev.parley.channel.discord.DiscordCards},
 * cards as embeds with buttons and attachments; {@link dev.parley.channel.discord.DiscordChannel}, background posts
 * and edits into channels. Discord facts relied on (limits, the 3 s answer deadline, custom ids of 100 characters)
 * are stated at the classes, from discord.com/developers/docs.
 */
package dev.parley.channel.discord;
