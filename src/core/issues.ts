/**
 * Readable text for a zod issue, without the locale bundle (zod/mini ships none) and without ever
 * echoing the value that failed, which may be a secret.
 */
import type * as z4 from 'zod/v4/core';

export function describeIssue(issue: z4.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string' ? `must have at least ${issue.minimum} characters` : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string' ? `must have at most ${issue.maximum} characters` : `must be at most ${issue.maximum}`;
    case 'invalid_format':
      return `expected ${issue.format === 'regex' ? 'a value of the documented form' : `a valid ${issue.format}`}`;
    case 'unrecognized_keys':
      return `unknown option ${issue.keys.map((key) => `'${key}'`).join(', ')}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_union':
      return 'matches none of the accepted forms';
    default:
      return issue.message && issue.message !== 'Invalid input' ? issue.message : issue.code;
  }
}
