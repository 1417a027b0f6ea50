/**
 * Resources shipped with Parley: {@link dev.parley.resource.ClasspathDirectory} reads every file of one class-path
 * directory, on disk in development and tests or inside the jar in production, so the command catalog and the locales
 * are found without an index file.
 *
 * <p>It imports nothing but the JDK, no other Parley package: {@code command} and {@code i18n} build on it.
 */
package dev.parley.resource;
