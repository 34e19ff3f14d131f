/**
 * Facts of the Google My Business API v4 OpenAPI conversion (APIs-guru/openapi-directory,
 * APIs/googleapis.com/my-business/v4/openapi.yaml, MIT, spec CC-BY-3.0, at commit 091431739208d017c11b0b0589ab33293f8b3690):
 * the review operations the emulator serves and the properties of the schemas it answers with.
 * Written by scripts/extract-google-business-shapes.ts; do not edit by hand.
 */
export interface ParameterFact {
  type: string;
  required?: true;
  enum?: readonly string[];
}

export interface PropertyFact {
  type: string;
  format?: string;
  enum?: readonly string[];
  /** The schema of an object property. */
  ref?: string;
  /** The item type (or schema) of an array property. */
  items?: string;
}

export const SOURCE = { repository: 'APIs-guru/openapi-directory', path: 'APIs/googleapis.com/my-business/v4/openapi.yaml', commit: '091431739208d017c11b0b0589ab33293f8b3690' } as const;

export const STANDARD_PARAMETERS = ['$.xgafv', 'access_token', 'alt', 'callback', 'fields', 'key', 'oauth_token', 'prettyPrint', 'quotaUser', 'uploadType', 'upload_protocol'] as const;

export const OPERATIONS = {'reviews.list':{method: 'GET', path: '/v4/{parent}/reviews', query: {orderBy: {type: 'string'}, pageSize: {type: 'integer'}, pageToken: {type: 'string'}}, answer: 'ListReviewsResponse'}, 'reviews.updateReply':{method: 'PUT', path: '/v4/{name}/reply', query: {}, body: 'ReviewReply', answer: 'ReviewReply'}, 'reviews.deleteReply':{method: 'DELETE', path: '/v4/{name}/reply', query: {}, answer: 'Empty'}, 'locations.batchGetReviews':{method: 'POST', path: '/v4/{name}/locations:batchGetReviews', query: {}, body: 'BatchGetReviewsRequest', answer: 'BatchGetReviewsResponse'}} as const satisfies Record<string, { method: string; path: string; query: Record<string, ParameterFact>; body?: string; answer?: string }>;

/** The properties each schema documents: the emulator answers with these and no others. */
export const SCHEMAS: Record<string, { required: readonly string[]; properties: Record<string, PropertyFact> }> = {BatchGetReviewsRequest: {required: [], properties: {ignoreRatingOnlyReviews: {type: 'boolean'}, locationNames: {type: 'array', items: 'string'}, orderBy: {type: 'string'}, pageSize: {type: 'integer', format: 'int32'}, pageToken: {type: 'string'}}}, BatchGetReviewsResponse: {required: [], properties: {locationReviews: {type: 'array', items: 'LocationReview'}, nextPageToken: {type: 'string'}}}, ListReviewsResponse: {required: [], properties: {averageRating: {type: 'number', format: 'double'}, nextPageToken: {type: 'string'}, reviews: {type: 'array', items: 'Review'}, totalReviewCount: {type: 'integer', format: 'int32'}}}, LocationReview: {required: [], properties: {name: {type: 'string'}, review: {type: 'object', ref: 'Review'}}}, Review: {required: [], properties: {comment: {type: 'string'}, createTime: {type: 'string', format: 'google-datetime'}, name: {type: 'string'}, reviewId: {type: 'string'}, reviewReply: {type: 'object', ref: 'ReviewReply'}, reviewer: {type: 'object', ref: 'Reviewer'}, starRating: {type: 'string', enum: ['STAR_RATING_UNSPECIFIED', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE']}, updateTime: {type: 'string', format: 'google-datetime'}}}, ReviewReply: {required: [], properties: {comment: {type: 'string'}, updateTime: {type: 'string', format: 'google-datetime'}}}, Reviewer: {required: [], properties: {displayName: {type: 'string'}, isAnonymous: {type: 'boolean'}, profilePhotoUrl: {type: 'string'}}}};
