/**
 * The two scalars of the contract. `Date` is a calendar day in Asia/Shanghai written YYYY-MM-DD (it is
 * what ClickHouse returns for Date columns, so it passes through untouched); `Decimal` is an exact
 * decimal carried as a string, because JSON numbers lose the fen of large sums.
 */
import { GraphQLScalarType, Kind } from 'graphql';
import { InvalidScalarError } from './errors';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day: 2024-02-29 yes, 2023-02-29 and 2024-13-01 no. */
export function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parseDay(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDay(value)) {
    throw new InvalidScalarError(`Date must be a calendar day written YYYY-MM-DD, e.g. "2025-06-30"; got ${JSON.stringify(value)}`);
  }
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar day in Asia/Shanghai, YYYY-MM-DD',
  serialize: (value) => parseDay(value),
  parseValue: (value) => parseDay(value),
  parseLiteral: (ast) => parseDay(ast.kind === Kind.STRING ? ast.value : undefined),
});

const DECIMAL = /^-?\d+(\.\d+)?$/;

function checkDecimal(value: unknown): string {
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    throw new InvalidScalarError(`Decimal must be a decimal number written as a string, e.g. "12345.60"; got ${JSON.stringify(value)}`);
  }
  return value;
}

export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal as a string, e.g. "12345.60"',
  serialize: (value) => checkDecimal(value),
  parseValue: (value) => checkDecimal(value),
  parseLiteral: (ast) => checkDecimal(ast.kind === Kind.STRING ? ast.value : undefined),
});
