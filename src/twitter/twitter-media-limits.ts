/**
 * What X takes as media, checked before any upload (https://docs.x.com/x-api/media/quickstart/media-upload-chunked,
 * media best practices): JPEG, PNG and WEBP images up to 5 MB, GIFs up to 15 MB, MP4 and MOV videos up
 * to 512 MB; a post holds up to 4 images, or one GIF, or one video; a DM holds one file.
 * Loaded with the upload (twitter-media-upload.ts) only when a draft carries files, and checked there
 * before any request.
 */
import type { DraftAttachment } from '../core/channel.js';

export type MediaKind = 'image' | 'gif' | 'video';

/** A file to upload, with what X calls its kind. */
export interface MediaFile {
  name: string;
  mimeType: string;
  data: Uint8Array;
  kind: MediaKind;
}

const MB = 1024 * 1024;
const KINDS: Record<string, MediaKind> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'image/gif': 'gif',
  'video/mp4': 'video',
  'video/quicktime': 'video',
};
export const MAX_MEDIA_BYTES: Record<MediaKind, number> = { image: 5 * MB, gif: 15 * MB, video: 512 * MB };

/** The files of a draft as X takes them, or why X would refuse them (`direct`: for a DM). */
export function mediaFiles(attachments: readonly DraftAttachment[], direct: boolean): MediaFile[] | string {
  const files: MediaFile[] = [];
  for (const attachment of attachments) {
    if (!('data' in attachment)) return 'X attaches uploaded files only ({ name, mimeType, data }); put a link in the text instead';
    const mimeType = attachment.mimeType.toLowerCase();
    const kind = KINDS[mimeType];
    if (!kind) return `${attachment.name}: X takes JPEG, PNG, WEBP, GIF, MP4 or MOV files, not ${attachment.mimeType}`;
    const size = attachment.data.byteLength;
    if (size === 0) return `${attachment.name} is empty`;
    if (size > MAX_MEDIA_BYTES[kind]) return `${attachment.name} is ${size} bytes; X takes a ${kind} of at most ${MAX_MEDIA_BYTES[kind]} bytes`;
    files.push({ name: attachment.name, mimeType, data: attachment.data, kind });
  }
  if (direct && files.length > 1) return `a DM on X holds one file, not ${files.length}`;
  const moving = files.filter((file) => file.kind !== 'image').length;
  if (moving > 0 && files.length > 1) return 'a post on X holds one GIF or one video alone';
  if (files.length > 4) return `a post on X holds up to 4 images, not ${files.length}`;
  return files;
}
