/**
 * What a command answers, independent of where it is shown: {@link dev.parley.card.Card} with its
 * {@link dev.parley.card.Button}s, {@link dev.parley.card.CardImage}, {@link dev.parley.card.CardFile} and
 * {@link dev.parley.card.Progress}; the plain-text and JSON renderings ({@link dev.parley.card.PlainText},
 * {@link dev.parley.card.CardJson}); {@link dev.parley.card.QrCodes} and {@link dev.parley.card.Times} for content.
 *
 * <p>It imports no other Parley package and no chat SDK: each channel renders a card natively in its own package.
 */
package dev.parley.card;
