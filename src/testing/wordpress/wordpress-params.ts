/**
 * The GET /wp/v2/comments parameters as WordPress checks them before the query runs
 * (get_collection_params of the comments controller; rest_validate_value_from_schema): per_page an
 * integer 1..100, page an integer from 1, order asc|desc, orderby one of seven, after/before RFC 3339
 * date-times, id lists as integers (comma-separated or repeated with []). A bad value is 400
 * rest_invalid_param. Unknown parameters are ignored, as WordPress ignores them.
 */
import { invalidParams } from './wordpress-answers.js';

export const ORDERBY = ['date', 'date_gmt', 'id', 'include', 'post', 'parent', 'type'] as const;

export interface CommentQuery {
  page: number;
  perPage: number;
  order: 'asc' | 'desc';
  orderby: (typeof ORDERBY)[number];
  /** Exclusive bounds, compared with the comments' local dates. */
  after: DateBound | undefined;
  before: DateBound | undefined;
  exclude: number[];
  include: number[];
  post: number[];
  parent: number[];
  status: string;
  fields: string[] | undefined;
}

/** A date parameter: an instant when it names a zone, else a wall-clock time in the site's zone (seconds of a UTC date with its digits). */
export interface DateBound {
  seconds: number;
  zoned: boolean;
}

// rest_parse_date accepts RFC 3339 with or without a zone (the site's zone then).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})?$/;

export function readCommentQuery(search: URLSearchParams): CommentQuery | Response {
  const bad: Record<string, string> = {};
  const integer = (name: string, fallback: number, minimum: number, maximum?: number) => {
    const value = search.get(name);
    if (value === null) return fallback;
    if (!/^-?\d+$/.test(value)) {
      bad[name] = `${name} is not of type integer.`;
      return fallback;
    }
    const number = Number(value);
    if (number < minimum || (maximum !== undefined && number > maximum)) {
      bad[name] = maximum !== undefined ? `${name} must be between ${minimum} (inclusive) and ${maximum} (inclusive)` : `${name} must be greater than or equal to ${minimum}`;
    }
    return number;
  };
  const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const value = search.get(name);
    if (value === null) return fallback;
    if (!values.includes(value as T)) bad[name] = `${name} is not one of ${values.slice(0, -1).join(', ')} and ${values.at(-1)}.`;
    return value as T;
  };
  const date = (name: string) => {
    const value = search.get(name);
    if (value === null) return undefined;
    if (!DATE_TIME.test(value)) {
      bad[name] = 'Invalid date.';
      return undefined;
    }
    const zoned = /([Zz]|[+-]\d{2}:?\d{2})$/.test(value);
    return { seconds: Math.floor(Date.parse((zoned ? value : `${value}Z`).replace(' ', 'T')) / 1000), zoned };
  };
  const ids = (name: string) => {
    const values = [...search.getAll(name), ...search.getAll(`${name}[]`)].flatMap((value) => value.split(',')).map((value) => value.trim()).filter((value) => value !== '');
    if (values.some((value) => !/^\d+$/.test(value))) bad[name] = `${name}[0] is not of type integer.`;
    return values.map(Number);
  };
  const query: CommentQuery = {
    page: integer('page', 1, 1),
    perPage: integer('per_page', 10, 1, 100),
    order: oneOf('order', ['asc', 'desc'], 'desc'),
    orderby: oneOf('orderby', ORDERBY, 'date_gmt'),
    after: date('after'),
    before: date('before'),
    exclude: ids('exclude'),
    include: ids('include'),
    post: ids('post'),
    parent: ids('parent'),
    status: (search.get('status') ?? 'approve').toLowerCase(),
    fields: search.get('_fields')?.split(',').map((field) => field.trim()).filter(Boolean),
  };
  return Object.keys(bad).length > 0 ? invalidParams(bad) : query;
}
