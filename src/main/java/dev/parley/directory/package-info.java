/**
 * The directory of each managed account: its contacts and groups, synced from the platform at a human
 * pace, with the exact membership history of every group and the group events (joins, leaves, kicks,
 * renames…) that chat notices and member-list comparisons reveal; and the {@code /group} commands that read
 * it.
 *
 * <p>It is a package of its own, not part of {@code dev.parley.contact}, because it drives connectors,
 * threads and cards: {@code contact} holds the small vocabulary the connectors themselves use
 * ({@link dev.parley.contact.GroupChange}) and the names search reads ({@link dev.parley.contact.ContactStore}),
 * so keeping the feature here keeps {@code contact → connector → contact} from becoming a cycle.
 *
 * <p>Entry points: {@link dev.parley.directory.Directory} (wiring and lifecycle),
 * {@link dev.parley.directory.DirectorySync#start} (what a login calls), and
 * {@link dev.parley.directory.MembershipLedger#membersAt} (who was in a group at a given moment).
 */
package dev.parley.directory;
