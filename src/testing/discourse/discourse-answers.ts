/** Discourse's error answers (`{ errors, error_type }`). */

export function notFound(): Response {
  return Response.json({ errors: ['The requested URL or resource could not be found.'], error_type: 'not_found' }, { status: 404 });
}

export function invalidParameters(name: string): Response {
  return Response.json({ errors: [`param is missing or the value is invalid: ${name}`], error_type: 'invalid_parameters' }, { status: 400 });
}

/** Discourse::InvalidAccess: the Guardian refused the account here (a category, closed topic, private message). */
export function invalidAccess(): Response {
  return Response.json({ errors: ['You are not permitted to view the requested resource.'], error_type: 'invalid_access' }, { status: 403 });
}
