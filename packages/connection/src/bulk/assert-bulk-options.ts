import { ValidationError, type ValidationIssue } from '../errors/errors.js';
import { type BulkInsertOptions, BulkMethod } from './types.js';

const METHODS: readonly unknown[] = Object.values(BulkMethod);

const isName = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function isIterable(value: unknown): boolean {
  const v = value as { [Symbol.iterator]?: unknown; [Symbol.asyncIterator]?: unknown } | null | undefined;
  return typeof v?.[Symbol.iterator] === 'function' || typeof v?.[Symbol.asyncIterator] === 'function';
}

function tableIssues(table: unknown): ValidationIssue[] {
  const ok =
    isName(table) ||
    (typeof table === 'object' && table !== null && isName((table as { name?: unknown }).name));
  return ok ? [] : [{ path: 'table', rule: 'required', message: 'table: a table name is required' }];
}

function columnIssues(columns: unknown): ValidationIssue[] {
  if (!Array.isArray(columns) || columns.length === 0) {
    return [{ path: 'columns', rule: 'required', message: 'columns: at least one column name is required' }];
  }
  return columns.flatMap((column, i) =>
    isName(column)
      ? []
      : [{ path: `columns[${i}]`, rule: 'type', message: `columns[${i}]: must be a column name` }],
  );
}

function conflictIssues(options: BulkInsertOptions): ValidationIssue[] {
  const conflict = options.onConflict;
  if (conflict === undefined) return [];
  const issues: ValidationIssue[] = [];
  if (conflict.action !== 'update' && conflict.action !== 'nothing') {
    issues.push({
      path: 'onConflict.action',
      rule: 'enum',
      message: "onConflict.action: must be 'update' or 'nothing'",
    });
  }
  if (!Array.isArray(conflict.columns) || conflict.columns.length === 0) {
    issues.push({
      path: 'onConflict.columns',
      rule: 'required',
      message: 'onConflict.columns: the unique key columns are required',
    });
    return issues;
  }
  conflict.columns.forEach((column, i) => {
    if (!Array.isArray(options.columns) || !options.columns.includes(column)) {
      issues.push({
        path: `onConflict.columns[${i}]`,
        rule: 'notWritten',
        message: `onConflict.columns[${i}]: ${JSON.stringify(column)} must be one of the written columns`,
      });
    }
  });
  return issues;
}

/** Throws a ValidationError listing every bad option of a bulk insert, before any SQL runs. */
export function assertBulkOptions(options: BulkInsertOptions): void {
  const issues = [
    ...tableIssues(options.table),
    ...columnIssues(options.columns),
    ...conflictIssues(options),
  ];
  if (!isIterable(options.rows)) {
    issues.push({
      path: 'rows',
      rule: 'type',
      message: 'rows: must be an array or an (async) iterable of rows',
    });
  }
  const { chunkSize, method } = options;
  if (chunkSize !== undefined && !(Number.isSafeInteger(chunkSize) && chunkSize > 0)) {
    issues.push({ path: 'chunkSize', rule: 'range', message: 'chunkSize: must be a positive integer' });
  }
  if (method !== undefined && !METHODS.includes(method)) {
    issues.push({ path: 'method', rule: 'enum', message: `method: must be one of ${METHODS.join(', ')}` });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}
