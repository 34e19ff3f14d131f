/**
 * WordPress REST error answers: WP_Error as the REST server serializes it, `{ code, message, data:
 * { status, ... } }` (WP_REST_Server::error_to_response), with the codes and messages of the comments
 * controller (WordPress/wordpress-develop class-wp-rest-comments-controller.php), of wp_allow_comment
 * (comment.php) and of the parameter validation (rest_validate_value_from_schema, rest-api.php).
 */
export function wpError(status: number, code: string, message: string, data: Record<string, unknown> = {}): Response {
  return Response.json({ code, message, data: { status, ...data } }, { status });
}

/** 400 rest_invalid_param: each bad parameter named, with why, in data.params. */
export function invalidParams(params: Record<string, string>): Response {
  return wpError(400, 'rest_invalid_param', `Invalid parameter(s): ${Object.keys(params).join(', ')}`, { params });
}

export const noRoute = () => wpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
export const notLoggedIn = () => wpError(401, 'rest_not_logged_in', 'You are not currently logged in.');
