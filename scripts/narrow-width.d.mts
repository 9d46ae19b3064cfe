// Types for narrow-width.mjs.
export function narrowWidth(text: unknown, options?: {ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean}): number | undefined;
