import {
  type DalkitError,
  HTTP_STATUS_BY_CODE,
  isDalkitError,
  mapDatabaseError,
  type ValidationIssue,
} from '@dalkit/connection';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** An RFC 9457 problem document, the body of every error response. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  /** The stable dalkit (or HTTP) error code. */
  code: string;
  /** Per-field details of a 400. */
  errors?: ValidationIssue[];
}

/** Seconds a client should wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 5;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The Fastify error handler: every error becomes `application/problem+json`, never a stack or SQL. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = toProblem(error, request.url);
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: problem.code, status: problem.status }, problem.detail);
  if (problem.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

/** The 404 for a route that does not exist. */
export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = build(
    404,
    'NOT_FOUND',
    `No route ${request.method} ${request.url.split('?')[0]}`,
    request.url,
  );
  return reply.status(404).type('application/problem+json').send(problem);
}

/** Maps any thrown value to a problem document. Only safe, known messages reach the client. */
export function toProblem(error: unknown, instance: string): Problem {
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) {
    const issues = fastifyError.validation.map((v) => fromAjv(v, fastifyError.validationContext));
    return { ...build(400, 'VALIDATION_FAILED', 'The request is invalid', instance), errors: issues };
  }
  const dalkit = toDalkitError(error);
  if (dalkit) {
    const status = HTTP_STATUS_BY_CODE[dalkit.code] ?? 500;
    const issues = (dalkit.details as { issues?: ValidationIssue[] }).issues;
    const detail = status >= 500 ? safeServerDetail(status) : dalkit.message;
    const problem = build(status, dalkit.code, detail, instance);
    if (status === 400 && Array.isArray(issues)) problem.errors = issues.map(pickIssue);
    return problem;
  }
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status < 500 && fastifyError.code?.startsWith('FST_')) {
    return build(status, fastifyError.code, fastifyError.message ?? TITLES[status] ?? 'Error', instance);
  }
  return build(500, 'INTERNAL', safeServerDetail(500), instance);
}

function safeServerDetail(status: number): string {
  return status === 503
    ? 'The database is unavailable or busy; retry later'
    : 'An unexpected error occurred; it has been logged';
}

function build(status: number, code: string, detail: string, instance: string): Problem {
  return {
    type: `https://dalkit.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: instance.split('?')[0] ?? instance,
    code,
  };
}

function pickIssue(issue: ValidationIssue): ValidationIssue {
  return { path: issue.path, rule: issue.rule, message: issue.message };
}

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function fromAjv(issue: AjvIssue, context: string | undefined): ValidationIssue {
  const base = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const extra = (issue.params.additionalProperty ?? issue.params.missingProperty) as string | undefined;
  const path = [base, extra].filter(Boolean).join('.');
  const rule = issue.keyword === 'additionalProperties' ? 'unknownField' : issue.keyword;
  const message =
    issue.keyword === 'additionalProperties'
      ? `${path} is not a known parameter`
      : `${path || context || 'request'} ${issue.message ?? 'is invalid'}`;
  return { path: path || (context ?? 'request'), rule, message };
}

/** The dalkit error for a thrown value (database errors mapped), or undefined for anything else. */
function toDalkitError(error: unknown): DalkitError | undefined {
  const mapped = mapDatabaseError(error);
  return isDalkitError(mapped) ? mapped : undefined;
}
