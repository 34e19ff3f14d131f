/**
 * listen() for Flickr: the account's photos changed since the cursor's second
 * (flickr.photos.recentlyUpdated, every page), then each one's comments from that second on
 * (flickr.photos.comments.getList with min_comment_date), delivered oldest first. Both dates are asked
 * one second early, so whether Flickr counts them inclusively or not, nothing of that second is missed;
 * the comments of the cursor's second already handled are known by id (flickr-cursor.ts).
 * The photos are read one after another, so a comment can land on a photo already read while a later one
 * is read: only comments older than the second Flickr's clock showed when the poll began are delivered
 * (the rest come with the next poll), so the cursor never passes a comment the poll could not see.
 */
import type { ListenItem, ListenSource, PollRequest, PollResult } from '../core/listen/listen-source.js';
import { API_BUCKET, type FlickrApi } from './flickr-api.js';
import { comparePositions, formatPosition, parsePosition } from './flickr-cursor.js';
import type { Comment } from './flickr-schemas.js';

export const COMMENTS_SOURCE = 'comments';
// Without a `Date` from Flickr, our own clock less this much stands for Flickr's (clocks a little apart).
const CLOCK_SKEW_SECONDS = 30;

export function commentsSource(api: FlickrApi): ListenSource {
  return {
    name: COMMENTS_SOURCE,
    buckets: [API_BUCKET],
    compare: comparePositions,
    keyById: true, // a position holds the ids a poll saw in its second: two workers may give one comment two positions
    async poll({ cursor, since, signal }: PollRequest): Promise<PollResult> {
      const start = cursor ? parsePosition(cursor) : { date: Math.floor(since.getTime() / 1000), ids: [] };
      const handled = new Set(start.ids);
      const fresh: Array<{ comment: Comment; date: number; photoId: string; title: string | null | undefined }> = [];
      const changed = await api.recentlyUpdated(start.date - 1, signal);
      const horizon = changed.serverSecond ?? Math.floor(Date.now() / 1000) - CLOCK_SKEW_SECONDS;
      for (const photo of changed.photos) {
        for (const comment of await api.comments(photo.id, start.date - 1, signal)) {
          const date = Number(comment.datecreate);
          if (date < start.date || (date === start.date && handled.has(comment.id)) || date >= horizon) continue;
          fresh.push({ comment, date, photoId: photo.id, title: photo.title });
        }
      }
      // Oldest first; within a second, by the comment number Flickr gives (the id's last part).
      fresh.sort((a, b) => a.date - b.date || commentNumber(a.comment.id) - commentNumber(b.comment.id));
      let second = { date: start.date, ids: [...start.ids] };
      const items: ListenItem[] = fresh.map(({ comment, date, photoId, title }) => {
        second = date === second.date ? { date, ids: [...second.ids, comment.id] } : { date, ids: [comment.id] };
        return { message: api.normalize(comment, photoId, title), position: formatPosition(second) };
      });
      return { items };
    },
  };
}

/** "6065-109722179-72057594077818641" → 72057594077818641 (as a number: order only). */
function commentNumber(id: string): number {
  return Number(id.slice(id.lastIndexOf('-') + 1)) || 0;
}
