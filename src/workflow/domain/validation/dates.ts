import { z } from 'zod';
import { unlessMissing } from './messages.js';

/*
 * Calendar dates as ISO strings (YYYY-MM-DD), compared as strings (the format sorts chronologically).
 * Nothing here reads the clock: "today" is always a parameter.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function parts(date: string): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not an ISO date: ${JSON.stringify(date)}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30, 2025-13-01). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Throws RangeError unless the value is a real ISO date; for `today` and other trusted inputs. */
export function assertIsoDate(value: string): void {
  if (!isIsoDate(value)) throw new RangeError(`not an ISO date: ${JSON.stringify(value)}`);
}

/** An ISO calendar date (YYYY-MM-DD). */
export const isoDateSchema = z
  .string({ error: unlessMissing('date_not_text') })
  .trim()
  .refine((value) => ISO_DATE.test(value), { message: 'date_format', abort: true })
  .refine(isIsoDate, 'date_not_in_calendar');

/** Compares two ISO dates: -1, 0 or 1. */
export function compareIsoDates(a: string, b: string): -1 | 0 | 1 {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** The year of an ISO date. */
export function yearOf(date: string): number {
  return parts(date).year;
}

/** The same calendar day `years` later (or earlier when negative); 29 February becomes 28 February. */
export function addYears(date: string, years: number): string {
  const { year, month, day } = parts(date);
  const target = year + years;
  return `${pad(target, 4)}-${pad(month, 2)}-${pad(Math.min(day, daysInMonth(target, month)), 2)}`;
}

/** A date for people: ru "31.12.2025", en "2025-12-31". */
export function formatIsoDate(date: string, locale: 'ru' | 'en'): string {
  if (locale === 'en') return date;
  const { year, month, day } = parts(date);
  return `${pad(day, 2)}.${pad(month, 2)}.${pad(year, 4)}`;
}

/**
 * Reads a date as people type it: "2025-12-31", or the Russian "31.12.2025" (also with "/" or "-"), into
 * YYYY-MM-DD. Returns null when it is neither; the result still needs `isIsoDate`.
 */
export function readHumanDate(text: string): string | null {
  const value = text.trim();
  if (ISO_DATE.test(value)) return value;
  const match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(value);
  if (!match) return null;
  return `${match[3] ?? ''}-${pad(Number(match[2]), 2)}-${pad(Number(match[1]), 2)}`;
}
