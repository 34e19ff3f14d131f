/**
 * The error bodies the X API v2 answers with: RFC 7807 problems (latest-openapi.json components
 * Problem, InvalidRequestProblem, ResourceNotFoundProblem; types under https://api.twitter.com/2/problems/)
 * and https://docs.x.com/x-api/fundamentals/response-codes-and-errors.
 */

const PROBLEMS = 'https://api.twitter.com/2/problems';

export interface Problem {
  title: string;
  type: string;
  detail?: string;
  status?: number;
  [key: string]: unknown;
}

/** A generic problem (type about:blank) for a status: 401, 403, 429. */
export function blankProblem(status: number, title: string, detail: string): Problem {
  return { title, detail, type: 'about:blank', status };
}

export const unauthorized = (): Problem => blankProblem(401, 'Unauthorized', 'Unauthorized');
export const tooManyRequests = (): Problem => blankProblem(429, 'Too Many Requests', 'Too Many Requests');
export const forbidden = (detail: string): Problem => blankProblem(403, 'Forbidden', detail);

/** One invalid parameter: X names it with the value it got and says why in `message`. */
export interface InvalidParameter {
  parameter: string;
  values: string[];
  message: string;
}

/** 400: `errors[]` each with `parameters` { name: [values] } and `message`, as X answers a bad request. */
export function invalidRequest(errors: InvalidParameter[]): Problem {
  return {
    errors: errors.map((error) => ({ parameters: { [error.parameter]: error.values }, message: error.message })),
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: `${PROBLEMS}/invalid-request`,
  };
}

/** A partial error beside (or instead of) `data`: the resource asked for does not exist. */
export function resourceNotFound(resourceType: 'tweet' | 'user', parameter: string, id: string): Problem {
  const noun = resourceType === 'tweet' ? 'tweet' : 'user';
  return {
    value: id,
    detail: `Could not find ${noun} with ${parameter}: [${id}].`,
    title: 'Not Found Error',
    resource_type: resourceType,
    parameter,
    resource_id: id,
    type: `${PROBLEMS}/resource-not-found`,
  };
}

/** An unknown path: X still answers the v1.1-style error body there. */
export const pageNotFound = () => ({ errors: [{ message: 'Sorry, that page does not exist', code: 34 }] });
