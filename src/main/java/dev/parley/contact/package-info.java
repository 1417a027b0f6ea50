/**
 * Names of the people and groups each account talks to: {@link dev.parley.contact.ContactStore} keeps contacts and
 * groups current from the platforms' notifications, so cards and search show names instead of ids, and
 * {@link dev.parley.contact.GroupChange} is a change of a group's membership or identity as a platform announced it.
 *
 * <p>It imports no other Parley package: connectors, {@code directory}, search and outbound import it, and importing
 * back (above all {@code connector}) would make a cycle.
 */
package dev.parley.contact;
