/**
 * The Flickr REST methods this adapter calls, each one signed request through the core's HTTP engine
 * (https://www.flickr.com/services/api/). Every call counts against the app key's 3,600 an hour, for
 * every channel on that key: one bucket, named after the key (see flickr-channel.ts).
 */
import type { Message } from '../core/channel.js';
import type { AdapterContext } from '../core/adapter-context.js';
import type { AdapterHttpClient } from '../core/define-channel.js';
import type { NormalizedFlickrOptions } from './flickr-options.js';
import { addedCommentSchema, commentsSchema, photosSchema, type Comment, type Photo } from './flickr-schemas.js';
import { normalizeComment } from './normalize-comment.js';

export const API_BUCKET = 'api';
/** The account's comment pace (Flickr's error 9), beside the key's calls: named per account, as buckets are per key. */
export const commentsBucket = (userId: string) => `comments ${userId}`;
const PATH = '/rest';
const FORMAT = { format: 'json', nojsoncallback: 1 } as const;
const PER_PAGE = 500; // the most flickr.photos.recentlyUpdated gives a page

export class FlickrApi {
  constructor(
    private readonly http: AdapterHttpClient,
    private readonly settings: NormalizedFlickrOptions,
    private readonly channel: AdapterContext,
  ) {}

  /**
   * One page of the account's photos changed (a comment added, too) since `minDate` (Unix seconds), and
   * the second Flickr's clock showed when it answered (its `Date` header), when it sent one.
   */
  async recentlyUpdatedPage(minDate: number, page: number, signal?: AbortSignal): Promise<{ photos: Photo[]; more: boolean; serverSecond: number | undefined }> {
    let serverSecond: number | undefined;
    const answer = await this.http.request({
      method: 'GET',
      path: PATH,
      searchParams: { method: 'flickr.photos.recentlyUpdated', min_date: minDate, extras: 'last_update', per_page: PER_PAGE, page, ...FORMAT },
      bucket: API_BUCKET,
      schema: photosSchema,
      // NaN (no or a bad Date) is no second.
      onResponseHeaders: (headers) => void (serverSecond = Math.floor(Date.parse(headers.get('date') ?? '') / 1000) || undefined),
      ...(signal ? { signal } : {}),
    });
    return { photos: answer.photos.photo, more: Number(answer.photos.page) < Number(answer.photos.pages), serverSecond };
  }

  /** Every page of the photos changed since `minDate`, and Flickr's second when the first page was answered. */
  async recentlyUpdated(minDate: number, signal?: AbortSignal): Promise<{ photos: Photo[]; serverSecond: number | undefined }> {
    const photos: Photo[] = [];
    let first: number | undefined;
    for (let page = 1; ; page++) {
      const answer = await this.recentlyUpdatedPage(minDate, page, signal);
      first ??= answer.serverSecond;
      photos.push(...answer.photos);
      if (!answer.more) return { photos, serverSecond: first };
    }
  }

  /** A photo's comments, oldest first, from `minDate` (Unix seconds) on when given. */
  async comments(photoId: string, minDate: number | undefined, signal?: AbortSignal): Promise<Comment[]> {
    const answer = await this.http.request({
      method: 'GET',
      path: PATH,
      searchParams: { method: 'flickr.photos.comments.getList', photo_id: photoId, min_comment_date: minDate, ...FORMAT },
      bucket: API_BUCKET,
      schema: commentsSchema,
      ...(signal ? { signal } : {}),
    });
    return answer.comments.comment ?? [];
  }

  async addComment(photoId: string, text: string): Promise<{ id: string; permalink?: string | null | undefined }> {
    const answer = await this.http.request({
      method: 'POST',
      path: PATH,
      form: { method: 'flickr.photos.comments.addComment', photo_id: photoId, comment_text: text, format: 'json', nojsoncallback: '1' },
      bucket: [API_BUCKET, commentsBucket(this.settings.userId)],
      schema: addedCommentSchema,
    });
    return answer.comment;
  }

  normalize(comment: Comment, photoId: string, title: string | null | undefined, parentId?: string): Message {
    return normalizeComment(comment, { channel: this.channel.id, userId: this.settings.userId, photoId, title, ...(parentId ? { parentId } : {}) });
  }
}
