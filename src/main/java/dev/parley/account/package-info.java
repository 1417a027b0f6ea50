/**
 * The managed accounts of the fleet: {@link dev.parley.account.Account} as stored, with its natural
 * {@link dev.parley.account.AccountKey} and {@link dev.parley.account.Platform};
 * {@link dev.parley.account.AccountStore} (reads and status changes), {@link dev.parley.account.AccountRegistry}
 * (provider keys to row ids, creating unknown accounts), {@link dev.parley.account.AccountRefs} (what an admin
 * typed, to one account) and {@link dev.parley.account.BotCommands} ({@code /bot}).
 *
 * <p>It reaches platforms only through the connector port and must not import an adapter or any platform SDK, nor
 * the features built on accounts ({@code login}, {@code outbound}, {@code ai}): state changes reach them through an
 * {@link dev.parley.account.AccountStateListener}.
 */
package dev.parley.account;
