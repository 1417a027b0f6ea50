/**
 * Every user-facing string: {@link dev.parley.i18n.Messages} loads {@code locales/*.yaml} as dotted keys and fills
 * their {@code {name}} placeholders, refusing to start ({@link dev.parley.i18n.LocaleException}) when locales disagree
 * on keys or placeholders; {@link dev.parley.i18n.LocaleTags} says what a locale tag is.
 *
 * <p>It imports nothing of Parley but {@code resource.ClasspathDirectory}, and must not import {@code command} or a
 * channel: they ask it for strings.
 */
package dev.parley.i18n;
