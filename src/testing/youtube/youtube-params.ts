/** Query parameters checked against the discovery document's facts: an unknown or malformed one is a 400, as Google answers. */
import { METHOD_PARAMETERS, STANDARD_PARAMETERS } from './youtube-facts.js';
import { googleError } from './youtube-answers.js';

export type Method = keyof typeof METHOD_PARAMETERS;

/** The request's parameters, or the 400 Google gives for the first bad one. */
export function checkParameters(method: Method, query: URLSearchParams): Response | undefined {
  const facts = METHOD_PARAMETERS[method];
  for (const [name, value] of query) {
    if ((STANDARD_PARAMETERS as readonly string[]).includes(name)) continue;
    const fact = facts[name];
    if (!fact) return googleError(400, 'badRequest', `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter.`);
    if (fact.type === 'integer') {
      const number = Number(value);
      if (!/^\d+$/.test(value) || (fact.minimum !== undefined && number < fact.minimum) || (fact.maximum !== undefined && number > fact.maximum)) {
        return googleError(400, 'invalidParameter', `Invalid value '${value}' for parameter '${name}'.`);
      }
    }
    if (fact.enum && !fact.enum.includes(value)) return googleError(400, 'invalidParameter', `Invalid value '${value}' for parameter '${name}'.`);
  }
  for (const [name, fact] of Object.entries(facts)) {
    if (fact.required && !query.get(name)) return googleError(400, 'required', `No filter selected. Expected one of: ${name}`);
  }
  return undefined;
}
