/**
 * Media upload to X, loaded only when a draft carries files (a dynamic import keeps it out of the
 * main bundle): POST /2/media/upload/initialize, /{id}/append in base64 segments, /{id}/finalize,
 * then GET /2/media/upload?command=STATUS while processing_info says pending or in_progress, waiting
 * check_after_secs between checks (xdevplatform/xdk specs/openapi.json 2.167; the steps of
 * https://docs.x.com/x-api/media/quickstart/media-upload-chunked). Uploads are not writes anyone sees:
 * a failed step is retried by the HTTP engine and never makes a send "maybe delivered".
 */
import * as z from 'zod/mini';
import type { Attachment, DraftAttachment } from '../core/channel.js';
import type { AdapterContext } from '../core/adapter-context.js';
import type { AdapterHttpClient } from '../core/define-channel.js';
import { InvalidDraftError, PlatformError } from '../core/errors.js';
import { sleep } from '../core/sleep.js';
import { BUCKETS } from './twitter-fields.js';
import { mediaFiles, type MediaFile } from './twitter-media-limits.js';

/** Raw bytes per append: X takes segments of up to 5 MB; 4 MB leaves room for the base64 body. */
export const SEGMENT_BYTES = 4 * 1024 * 1024;
// Never wait forever on a processing that does not end: about 10 minutes at X's usual pace.
const MAX_STATUS_CHECKS = 120;

const processingInfo = z.optional(z.object({ state: z.optional(z.string()), check_after_secs: z.optional(z.number()) }));
const initSchema = z.object({ data: z.object({ id: z.string() }) });
const appendSchema = z.object({ data: z.optional(z.object({ expires_at: z.optional(z.number()) })) });
const statusSchema = z.object({ data: z.object({ id: z.string(), processing_info: processingInfo }) });

/** A draft's files, checked against X's limits (InvalidDraftError before any request), ready to upload. */
export interface PreparedMedia {
  /** Upload each file, in order: their media ids. */
  upload(): Promise<string[]>;
  /** What the sent Message says was attached. */
  attachments: Attachment[];
}

export function prepareMedia(http: AdapterHttpClient, context: AdapterContext, attachments: readonly DraftAttachment[], direct: boolean): PreparedMedia {
  const files = mediaFiles(attachments, direct);
  if (typeof files === 'string') throw new InvalidDraftError(files, context.errorOptions());
  return {
    upload: () => uploadMedia(http, context, files, direct),
    attachments: files.map((file) => ({ kind: file.kind === 'image' ? 'image' : 'video', name: file.name, mimeType: file.mimeType, size: file.data.byteLength })),
  };
}

/** Upload each file (in order) for a post or, with `direct`, a DM; answers their media ids. */
export async function uploadMedia(http: AdapterHttpClient, context: AdapterContext, files: readonly MediaFile[], direct: boolean, signal?: AbortSignal): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) ids.push(await uploadOne(http, context, file, direct, signal));
  return ids;
}

async function uploadOne(http: AdapterHttpClient, context: AdapterContext, file: MediaFile, direct: boolean, signal?: AbortSignal): Promise<string> {
  const upload = { bucket: BUCKETS.mediaUpload, write: false, signal } as const;
  const init = await http.request({
    ...upload,
    method: 'POST',
    path: '/2/media/upload/initialize',
    json: { media_type: file.mimeType, total_bytes: file.data.byteLength, media_category: `${direct ? 'dm' : 'tweet'}_${file.kind}` }, // tweet_image, dm_gif, ...
    schema: initSchema,
  });
  const id = init.data.id;
  const path = `/2/media/upload/${encodeURIComponent(id)}`;
  for (let offset = 0, index = 0; offset < file.data.byteLength; offset += SEGMENT_BYTES, index++) {
    const media = base64(file.data.subarray(offset, offset + SEGMENT_BYTES));
    await http.request({ ...upload, method: 'POST', path: `${path}/append`, json: { media, segment_index: index }, schema: appendSchema });
  }
  let answer = await http.request({ ...upload, method: 'POST', path: `${path}/finalize`, schema: statusSchema });
  for (let checks = 0; ; checks++) {
    const info = answer.data.processing_info;
    const state = info?.state;
    if (state === undefined || state === 'succeeded') return id;
    if (state === 'failed' || checks >= MAX_STATUS_CHECKS) {
      throw new PlatformError(`X could not process ${file.name} (media ${id}: ${state === 'failed' ? 'processing failed' : 'still processing'})`, { ...context.errorOptions(), platformCode: `media-${state}` });
    }
    await sleep((info?.check_after_secs ?? 1) * 1000, signal);
    answer = await http.request({ ...upload, method: 'GET', path: '/2/media/upload', searchParams: { media_id: id, command: 'STATUS' }, bucket: BUCKETS.mediaStatus, schema: statusSchema });
  }
}

/** Base64 of bytes, in every runtime (btoa over 32 KB slices of a binary string). */
function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return btoa(binary);
}
