import { RULE_IDS } from '../../domain/flags/rules.ts';
import { REVIEW_FILTERS } from '../../domain/flags/flag-key.ts';
import { enumParam, intParam, pagingParams, readParams, textParam } from './params.ts';
import type { FlagsQuery } from '../../db/queries/api/filters.ts';

export type { FlagsQuery };
import { stripUndefined } from './orders-query.ts';


export const FLAGS_PARAMS = ['rule', 'agency', 'supplier', 'year', 'category', 'review', 'page', 'per_page', 'format'] as const;

export function parseFlagsQuery(url: URL): FlagsQuery {
  const p = readParams(url, FLAGS_PARAMS);
  return stripUndefined({
    ...pagingParams(p),
    rule: enumParam(p, 'rule', RULE_IDS),
    agency: textParam(p, 'agency'),
    supplier: textParam(p, 'supplier'),
    year: intParam(p, 'year', 1900, 2999),
    review: enumParam(p, 'review', REVIEW_FILTERS),
    category: textParam(p, 'category'),
    format: enumParam(p, 'format', ['json', 'csv'] as const) ?? 'json',
  });
}

/** Endpoints that take no query parameters still refuse unknown ones. */
export function parseNoParams(url: URL): void {
  readParams(url, []);
}
