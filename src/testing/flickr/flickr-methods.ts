/**
 * The Flickr REST methods the emulator serves, as Flickr's reflection data describes them
 * (flickr.reflection.getMethodInfo; copies in flickr/flickr-sdk src/services/rest/, MIT, and
 * Pomax/node-flickrapi): arguments, security (needslogin, needssigning, requiredperms: 1 read,
 * 2 write) and the errors each documents. Facts only; the wording of messages is Flickr's.
 */
export interface MethodInfo {
  required: readonly string[];
  optional: readonly string[];
  requiredPerms: 0 | 1 | 2;
}

export const METHODS: Record<string, MethodInfo> = {
  // "Return a list of your photos that have been recently created or which have been recently modified."
  'flickr.photos.recentlyUpdated': { required: ['min_date'], optional: ['extras', 'per_page', 'page'], requiredPerms: 1 },
  // "Returns the comments for a photo"
  'flickr.photos.comments.getList': { required: ['photo_id'], optional: ['min_comment_date', 'max_comment_date'], requiredPerms: 0 },
  // "Add comment to a photo as the currently authenticated user."
  'flickr.photos.comments.addComment': { required: ['photo_id', 'comment_text'], optional: [], requiredPerms: 2 },
};

/** The errors of those methods and the API-wide ones (https://www.flickr.com/services/api/), by code. */
export const ERRORS = {
  photoNotFound: { code: 1, message: 'Photo not found' },
  blankComment: { code: 8, message: 'Blank comment' },
  tooFast: { code: 9, message: 'User is posting comments too fast.' },
  invalidSignature: { code: 96, message: 'Invalid signature' },
  missingSignature: { code: 97, message: 'Missing signature' },
  invalidToken: { code: 98, message: 'Invalid auth token' },
  insufficientPermissions: { code: 99, message: 'Insufficient permissions. Method requires write privileges; read granted.' },
  invalidApiKey: { code: 100, message: 'Invalid API Key (Key not found)' },
  unavailable: { code: 105, message: 'Service currently unavailable' },
  writeFailed: { code: 106, message: 'Write operation failed' },
  formatNotFound: { code: 111, message: 'Format "xml" not found' },
  methodNotFound: { code: 112, message: 'Method not found' },
} as const;

export type FlickrError = (typeof ERRORS)[keyof typeof ERRORS];

/** recentlyUpdated's per_page: "defaults to 100. The maximum allowed value is 500." */
export const PER_PAGE = { default: 100, max: 500 };
