/** JSON schemas shared by the routes. */

/** A UUID path parameter `:id`. */
export const ID_PARAMS = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
} as const;

/** No query parameters at all: anything given is a 400. */
export const NO_QUERY = { type: 'object', additionalProperties: false, properties: {} } as const;

/**
 * The query string of a list endpoint: `filter[<field>]`, `filter[<field>][<op>]`,
 * `filter[or][0][<field>]`, `sort`, `page[size|number|after|before]`. Field names and operators are checked against each
 * endpoint's allowlist by the list parser; anything else is a 400 here.
 */
export const LIST_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: { sort: { type: 'string', maxLength: 300 } },
  patternProperties: {
    '^filter(\\[[A-Za-z0-9_.]{1,64}\\]){1,6}$': { type: 'string', maxLength: 4000 },
    '^page\\[(size|number|after|before)\\]$': { type: 'string', maxLength: 1000 },
  },
} as const;

/** The optional acting-user header. */
export const ACTOR_HEADERS = {
  type: 'object',
  properties: { 'x-user-id': { type: 'string', format: 'uuid' } },
} as const;

/** The body of every error response (RFC 9457). */
export const PROBLEM = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

/** The audit columns every entity returns. */
export const AUDIT_PROPERTIES = {
  id: { type: 'string', format: 'uuid' },
  createdAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
  createdBy: { type: ['string', 'null'], format: 'uuid' },
  updatedBy: { type: ['string', 'null'], format: 'uuid' },
} as const;

/** Pagination facts of a list response (offset or cursor). */
export const PAGE_INFO = {
  type: 'object',
  properties: {
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
    total: { type: ['integer', 'null'] },
    hasNext: { type: 'boolean' },
    nextCursor: { type: ['string', 'null'] },
    prevCursor: { type: ['string', 'null'] },
  },
} as const;

/** A list response: `{ items, page }`. */
export function listResponse(item: object) {
  return { type: 'object', properties: { items: { type: 'array', items: item }, page: PAGE_INFO } } as const;
}

/** Error responses documented on every route. */
export const ERROR_RESPONSES = {
  400: PROBLEM,
  404: PROBLEM,
  409: PROBLEM,
  503: PROBLEM,
} as const;
