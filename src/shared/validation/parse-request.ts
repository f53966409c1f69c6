/**
 * The one validation point of the contract: a payload either becomes a well-formed request or a
 * BAD_REQUEST StudioError whose message names the field ("deckId: expected a positive whole number").
 */
import type { z } from 'zod';
import { StudioError } from '../errors';

/** Plain words for a value that arrived, so "expected X, got Y" reads well. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return Number.isInteger(value) ? `the number ${value}` : 'a fraction or non-finite number';
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
  null: 'nothing',
};

type RawIssue = z.core.$ZodRawIssue;

/** Words for each kind of problem zod reports (schemas may bring their own, which win). */
function describe(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${kindOf(issue.input)}`;
    case 'too_big': {
      const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : '';
      return `expected at most ${String(issue.maximum)}${unit}`;
    }
    case 'too_small': {
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'expected text, got an empty one';
      if (issue.origin === 'array' && Number(issue.minimum) === 1) return 'expected at least one item, got an empty list';
      const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : '';
      return `expected ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}${unit}`;
    }
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'unrecognized_keys':
      return 'is not part of this request';
    default:
      return 'is not valid';
  }
}

/** "sources[2].path"; the request itself when the path is empty. */
function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || 'request';
}

export interface RequestProblem {
  field: string;
  problem: string;
}

/** Every problem of a failed parse, one per field (unknown keys each get their own line). */
export function requestProblems(error: z.ZodError): RequestProblem[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: fieldName([...issue.path, key]), problem: issue.message }))
      : [{ field: fieldName(issue.path), problem: issue.message }],
  );
}

/** Checks a payload against a method's validator; answers the parsed request or throws BAD_REQUEST. */
export function parseRequest<S extends z.ZodType>(method: string, schema: S, payload: unknown): z.output<S> {
  const parsed = schema.safeParse(payload, { error: describe });
  if (parsed.success) return parsed.data;
  const problems = requestProblems(parsed.error);
  const first = problems[0] ?? { field: 'request', problem: 'is not valid' };
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  throw new StudioError(
    'BAD_REQUEST',
    `The request "${method}" was refused: ${first.field}: ${first.problem}${more}.`,
    'The window and the studio disagree about this request: restart the studio. If it keeps happening, report the message.',
    { method, problems: problems.slice(0, 20) },
  );
}
