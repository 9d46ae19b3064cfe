// The cell width of text the grapheme segmenter cannot change: printable ASCII and the one-cell characters TUIs
// draw with (Latin-1 and Latin Extended letters, general punctuation, arrows, box drawing, block elements,
// geometric shapes), each its own grapheme cluster, none an emoji, a mark or zero-width. string-width measures
// these one by one through Intl.Segmenter and a dozen regular expressions (about 0.2 ms for a table row holding
// one ↑, and its first use sets up the segmenter: tens of ms); here a row like that costs a regular expression
// test or two. Anything else is left to string-width.
const NARROW = new RegExp('^[\\u0020-\\u007e\\u00a0-\\u00a8\\u00aa-\\u00ac\\u00af-\\u02ff\\u2010-\\u2027\\u2030-\\u203b' +
  '\\u203d-\\u2048\\u204a-\\u205e\\u2100-\\u2121\\u2123-\\u2138\\u213a-\\u218b\\u2190-\\u2193\\u219a-\\u21a8' +
  '\\u21ab-\\u2319\\u2500-\\u25a9\\u25ac-\\u25b5\\u25b7-\\u25bf\\u25c1-\\u25fa]*$');

const SGR = /\u001b\[[0-9;]*m/g;

/**
 * The width string-width would give, when it is the text's length; undefined when string-width must say.
 * @param {unknown} text
 * @param {{ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean}} [options]
 * @returns {number | undefined}
 */
export function narrowWidth(text, options) {
  if (typeof text !== 'string' || options?.ambiguousIsNarrow === false || options?.countAnsiEscapeCodes) return undefined;
  // Colours and styles (SGR) take no cells, as string-width strips them; any other escape is left to it.
  const plain = text.includes('\u001b') ? text.replace(SGR, '') : text;
  return NARROW.test(plain) ? plain.length : undefined;
}
