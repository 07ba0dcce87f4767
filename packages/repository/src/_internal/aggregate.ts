import { ValidationError, type ValidationIssue } from '@dalkit/connection';
import type { Transaction } from 'sequelize';
import type { AggregateOptions } from '../types.js';
import { compileWhere } from './compile-filter.js';
import type { Condition } from './filter-ast.js';
import type { RepositoryCore } from './repository-core.js';
import { fromClause, ROOT } from './select-sql.js';

const FUNCTIONS = new Set(['count', 'sum', 'avg', 'min', 'max']);
const ALIAS = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Runs `SELECT group…, fn(field)… GROUP BY group… ORDER BY group…`; numbers come back as numbers. */
export async function aggregateRows(
  core: RepositoryCore,
  condition: Condition | undefined,
  options: AggregateOptions<string, string, unknown>,
  tx: Transaction | undefined,
): Promise<Record<string, unknown>[]> {
  const issues: ValidationIssue[] = [];
  const groupBy = options.groupBy ?? [];
  groupBy.forEach((g, i) => {
    if (!core.aggregatable.has(g))
      issues.push({
        path: `groupBy[${i}]`,
        rule: 'unknownField',
        message: `groupBy[${i}] is not a groupable field`,
      });
  });
  const metrics = Object.entries(options.metrics ?? {});
  if (metrics.length === 0)
    issues.push({ path: 'metrics', rule: 'required', message: 'metrics must name at least one aggregate' });
  for (const [name, metric] of metrics) {
    const path = `metrics.${name}`;
    if (!ALIAS.test(name) || groupBy.includes(name))
      issues.push({ path, rule: 'type', message: `${path} must be a plain name not used by groupBy` });
    if (!FUNCTIONS.has(metric?.fn))
      issues.push({
        path: `${path}.fn`,
        rule: 'type',
        message: `${path}.fn must be count, sum, avg, min or max`,
      });
    const needsField = metric?.fn !== 'count' || metric.field !== undefined;
    if (needsField && !(metric?.field && core.aggregatable.has(metric.field))) {
      issues.push({
        path: `${path}.field`,
        rule: 'unknownField',
        message: `${path}.field is not an aggregatable field`,
      });
    }
  }
  if (issues.length) throw new ValidationError(issues);
  const sql = core.sql();
  const column = (name: string) => sql.column(ROOT, core.meta.attributes.get(name)?.column ?? name);
  const groups = groupBy.map((g) => `${column(g)} AS ${sql.id(g)}`);
  const aggregates = metrics.map(
    ([name, m]) => `${m.fn.toUpperCase()}(${m.field ? column(m.field) : '*'}) AS ${sql.id(name)}`,
  );
  const where = compileWhere(sql, core.meta, ROOT, condition);
  let text = `SELECT ${[...groups, ...aggregates].join(', ')} ${fromClause(sql, core.meta)}`;
  if (where) text += ` WHERE ${where}`;
  if (groupBy.length) {
    const list = groupBy.map(column).join(', ');
    text += ` GROUP BY ${list} ORDER BY ${list}`;
  }
  const { rows } = await core.executor.run(text, sql.params, {
    transaction: tx,
    kind: 'select',
    prepare: core.prepare,
  });
  const numeric = metrics.filter(([, m]) => {
    const kind = m.field ? core.meta.attributes.get(m.field)?.kind : 'integer';
    return m.fn === 'count' || m.fn === 'avg' || kind === 'integer' || kind === 'bigint' || kind === 'number';
  });
  for (const row of rows) {
    for (const [name] of numeric)
      if (row[name] !== null && row[name] !== undefined) row[name] = Number(row[name]);
    core.mapper.fix(core.meta, row);
  }
  return rows;
}
