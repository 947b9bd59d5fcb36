// Checks what a request names before any route sees it, against the OpenAPI document (the
// one list of what the API serves):
// - OPTIONS on a known path answers 204 with `Allow`;
// - a path parameter is decoded and must fit PATH_PARAMETER_PATTERN, so a NUL, a control
//   character or malformed percent-encoding is a 400 naming it, never a query's 500;
// - a query parameter is given once, with no control character, and is not huge;
// - an Idempotency-Key, on whatever request, has the shape api/idempotency-key.ts gives it.
// After every route, methodNotAllowed answers a method no route served on a known path with
// 405 and `Allow`; an unknown path falls through to the 404. A route the document does not
// list yet is still served: the 405 comes only after the routes had their turn.
import type { RequestHandler } from 'express';
import { ApiError, invalidRequest } from '../errors';
import { idempotencyKeyProblem } from '../idempotency-key';
import { NO_CONTROLS } from '../schemas/fields';

/** Every id holdfast makes fits: `pay_…`, `stl_20260101_stripe`, `exc_…`. */
export const PATH_PARAMETER_PATTERN = '^[A-Za-z0-9_.:-]{1,255}$';
const PATH_PARAMETER = new RegExp(PATH_PARAMETER_PATTERN);
/**
 * Longer than any value a list filter takes (ids, dates, enums), and short enough that a URL
 * of such values stays far below Node's 16 KiB header limit, whose 431 has no error body.
 */
export const QUERY_VALUE_MAX_LENGTH = 100;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface KnownPath {
  /** Matches the path the way Express does: case-insensitive, an optional trailing slash. */
  pattern: RegExp;
  parameters: string[];
  allow: string;
  methods: Set<string>;
}

interface DocumentPaths {
  paths: Record<string, object>;
}

function knownPaths(document: DocumentPaths): KnownPath[] {
  return Object.entries(document.paths).map(([template, item]) => {
    const parameters = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const source = template.replace(/\{\w+\}/g, '([^/]+)');
    const declared = Object.keys(item)
      .filter((key) => METHODS.includes(key))
      .map((m) => m.toUpperCase());
    // Express answers HEAD with its GET route; OPTIONS is answered here.
    const methods = new Set([...declared, ...(declared.includes('GET') ? ['HEAD'] : []), 'OPTIONS']);
    return { pattern: new RegExp(`^${source}/?$`, 'i'), parameters, allow: [...methods].join(', '), methods };
  });
}

export function requestTarget(document: DocumentPaths): RequestHandler {
  const paths = knownPaths(document);
  return (req, res, next) => {
    const key = req.get('idempotency-key');
    const keyProblem = key === undefined ? undefined : idempotencyKeyProblem(key);
    const known = paths.find((p) => p.pattern.test(req.path));
    if (known) {
      if (req.method === 'OPTIONS') {
        res.setHeader('Allow', known.allow);
        res.status(204).end();
        return;
      }
      const values = known.pattern.exec(req.path)!.slice(1);
      for (const [index, raw] of values.entries()) {
        const name = known.parameters[index]!;
        if (!PATH_PARAMETER.test(decoded(raw) ?? '')) {
          next(invalidRequest('parameter_invalid', `Invalid ${name}: not an id holdfast gives out.`, name));
          return;
        }
      }
    }
    const queryProblem = checkQuery(req.query);
    next(queryProblem ?? keyProblem);
  };
}

/** The last stop before the 404: a known path that no route served for this method. */
export function methodNotAllowed(document: DocumentPaths): RequestHandler {
  const paths = knownPaths(document);
  return (req, res, next) => {
    const known = paths.find((p) => p.pattern.test(req.path));
    if (!known) {
      next();
      return;
    }
    res.setHeader('Allow', known.allow);
    next(new ApiError(405, 'invalid_request_error', 'method_not_allowed', `${req.method} is not supported here; use ${known.allow}.`));
  };
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function checkQuery(query: Record<string, unknown>): ApiError | undefined {
  for (const [name, value] of Object.entries(query)) {
    if (!NO_CONTROLS.test(name)) return invalidRequest('parameter_invalid', 'A query parameter name holds a control character.');
    if (typeof value !== 'string') return invalidRequest('parameter_invalid', `Invalid ${name}: give it once.`, name);
    if (!NO_CONTROLS.test(value) || [...value].length > QUERY_VALUE_MAX_LENGTH) {
      return invalidRequest(
        'parameter_invalid',
        `Invalid ${name}: at most ${QUERY_VALUE_MAX_LENGTH} characters, no control characters.`,
        name,
      );
    }
  }
  return undefined;
}
