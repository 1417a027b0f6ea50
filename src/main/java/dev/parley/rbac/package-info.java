/**
 * Who may do what: an {@link dev.parley.rbac.Identity} ({@code channel:user-id}) holds a {@link dev.parley.rbac.Role}
 * through a {@link dev.parley.rbac.Grant} kept by {@link dev.parley.rbac.RoleStore} in {@code admins}, the owners from
 * configuration written at each start; {@link dev.parley.rbac.RoleCommands} is {@code /role grant|revoke|list}.
 *
 * <p>It names no channel: an identity's channel is whatever name a channel hands in. It must not import a channel, a
 * connector or an adapter.
 */
package dev.parley.rbac;
