/*
 * Exact decimal arithmetic on strings through BigInt: a decimal is `units / 10^scale`. Money never becomes a float.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

interface Decimal {
  units: bigint;
  scale: number;
}

/** True for a plain decimal string: optional minus, digits, optional fraction ("12", "-0.5", "1.0000"). */
export function isDecimalString(value: string): boolean {
  return DECIMAL.test(value);
}

function parse(value: string): Decimal {
  const match = DECIMAL.exec(value);
  if (!match) throw new RangeError(`not a decimal string: ${JSON.stringify(value)}`);
  const [, sign = '', int = '0', frac = ''] = match;
  const units = BigInt(`${int}${frac}`);
  return { units: sign === '-' ? -units : units, scale: frac.length };
}

function rescale(d: Decimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${int}${scale > 0 ? `.${frac}` : ''}`;
}

/** Divides by 10^by (multiplies when `by` is negative), rounding half away from zero. */
function divideRounded(units: bigint, by: number): bigint {
  if (by <= 0) return units * 10n ** BigInt(-by);
  const divisor = 10n ** BigInt(by);
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const rounded = (abs + divisor / 2n) / divisor;
  return negative ? -rounded : rounded;
}

/** Compares two decimal strings of any scale: -1, 0 or 1. Throws RangeError on a non-decimal. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  const diff = rescale(x, scale) - rescale(y, scale);
  return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}

/**
 * The exact product of two decimal strings ("1000.50" × "92.1234" = "92169.46170"), or rounded half away from
 * zero to `scale` places when given. Without `scale` trailing fractional zeros are dropped ("1000000").
 */
export function multiplyDecimal(amount: string, rate: string, scale?: number): string {
  const x = parse(amount);
  const y = parse(rate);
  const units = x.units * y.units;
  const exactScale = x.scale + y.scale;
  if (scale !== undefined) return format(divideRounded(units, exactScale - scale), scale);
  let trimmed = units;
  let trimmedScale = exactScale;
  while (trimmedScale > 0 && trimmed % 10n === 0n) {
    trimmed /= 10n;
    trimmedScale -= 1;
  }
  return format(trimmed, trimmedScale);
}

/** A decimal string with at most 2 places as minor units (kopecks, cents): "100000.5" → 10000050n. */
export function toMinorUnits(amount: string): bigint {
  const d = parse(amount);
  if (d.scale > 2) throw new RangeError(`more than 2 decimal places: ${JSON.stringify(amount)}`);
  return rescale(d, 2);
}

/** Minor units back to a canonical amount with exactly 2 places: 10000050n → "100000.50". */
export function fromMinorUnits(units: bigint): string {
  return format(units, 2);
}
