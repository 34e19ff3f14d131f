/**
 * messages() for Flickr: comments on the account's photos, newest first and lazily. Photos come most
 * recently changed first, a page at a time; a photo's comments are read only when its last change
 * could be newer than the next comment to give (a comment changes its photo's `lastupdate`).
 */
import type { Message } from '../core/channel.js';
import type { FlickrApi } from './flickr-api.js';
import type { Photo } from './flickr-schemas.js';

export async function* commentsNewestFirst(api: FlickrApi, since: Date | undefined, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  // min_date is required; 1 (a second after the epoch) asks for every photo.
  const minDate = since ? Math.max(1, Math.floor(since.getTime() / 1000)) : 1;
  const photos: Photo[] = [];
  let page = 0;
  let more = true;
  let oldestListed = Number.POSITIVE_INFINITY; // the last change of the oldest photo listed so far
  const ready: Message[] = []; // read but not given yet, newest first
  for (;;) {
    for (;;) {
      if (photos.length === 0 && more && (ready.length === 0 || oldestListed >= ready[0]!.createdAt.getTime())) {
        const answer = await api.recentlyUpdatedPage(minDate, ++page, signal);
        photos.push(...answer.photos.sort((a, b) => lastUpdate(b) - lastUpdate(a)));
        more = answer.more;
        if (photos.length > 0) oldestListed = lastUpdate(photos[photos.length - 1]!);
      }
      const next = photos[0];
      if (!next || (ready.length > 0 && lastUpdate(next) < ready[0]!.createdAt.getTime())) break;
      photos.shift();
      const comments = await api.comments(next.id, undefined, signal);
      ready.push(...comments.map((comment) => api.normalize(comment, next.id, next.title)));
      ready.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    }
    if (ready.length === 0) return;
    yield ready.shift()!;
  }
}

/** Milliseconds; a photo without `lastupdate` counts as changed now (it is read first). */
function lastUpdate(photo: Photo): number {
  const seconds = Number(photo.lastupdate);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : Number.POSITIVE_INFINITY;
}
