/**
 * Plain decimal notation (`-0.25`, `15`, `.5`, `1e-3`, openSMILE's `1.234e+00`): what annotation and feature
 * files hold. Number() alone would also read `0x10` as 16, `0b1`, `Infinity` or whitespace, which in such a
 * file are typos or corruption, not values.
 */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The value of a decimal number's text, or undefined when it is not one (see DECIMAL) or not finite. */
export function parseDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
