/**
 * Media upload in the X emulator, as X's OpenAPI document (xdevplatform/xdk specs/openapi.json 2.167)
 * defines it: POST /2/media/upload/initialize (InitializeMediaUploadRequest → { data: { id, media_key,
 * expires_after_secs } }), POST /2/media/upload/{id}/append (AppendMediaUploadRequest: `media` base64 in
 * JSON, `segment_index` 0-999), POST /2/media/upload/{id}/finalize (FinalizeMediaUploadResponse, with
 * `processing_info` for video and GIFs) and GET /2/media/upload?media_id=&command=STATUS
 * (GetMediaUploadStatusResponse); also the one-request POST /2/media/upload (MediaUploadRequest: `media`
 * base64, `media_category`, `additional_owners` comma-separated; the type read from the file's first
 * bytes), in its JSON form only (a multipart body is refused: the emulator reads bodies as text). Security: OAuth2UserToken with `media.write`, or OAuth 1.0a.
 * Limits from https://docs.x.com/x-api/media/quickstart/media-upload-chunked and the media best practices
 * (https://developer.x.com/en/docs/x-api/v1/media/upload-media/uploading-media/media-best-practices):
 * images (JPEG, PNG, WEBP) 5 MB, GIF 15 MB, video (MP4, MOV) 512 MB, chunks of at most 5 MB.
 * Media ids are checked where posts and DMs use them: unknown, not the uploader's, not finished or of
 * the wrong category answer 400 "Your media IDs are invalid." (X's message).
 */
import { invalidRequest, type InvalidParameter } from './twitter-emulator-problems.js';
import { parseObject } from './twitter-emulator-json.js';
import type { Answer } from './twitter-emulator-reads.js';
import type { EmulatedMedia, TwitterState } from './twitter-emulator-state.js';

const MB = 1024 * 1024;
export const MAX_CHUNK_BYTES = 5 * MB;
const ID = /^[0-9]{1,19}$/;
const EXPIRES_AFTER_SECS = 86_400;
export const INVALID_MEDIA_IDS = 'Your media IDs are invalid.';

type Family = 'image' | 'gif' | 'video';
const FAMILY: Record<string, Family> = {
  'image/jpeg': 'image',
  'image/pjpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'image/gif': 'gif',
  'video/mp4': 'video',
  'video/quicktime': 'video',
};
const MAX_BYTES: Record<Family, number> = { image: 5 * MB, gif: 15 * MB, video: 512 * MB };
/** Which categories each kind of file may be uploaded under (a small GIF may go as an image). */
const CATEGORIES: Record<Family, string[]> = {
  image: ['tweet_image', 'dm_image'],
  gif: ['tweet_gif', 'dm_gif', 'tweet_image', 'dm_image'],
  video: ['tweet_video', 'dm_video', 'amplify_video'],
};
const INIT_KEYS = ['additional_owners', 'media_category', 'media_type', 'shared', 'total_bytes'];
// Media keys carry the media type: 3_ photos, 7_ videos, 16_ animated GIFs (https://docs.x.com/x-api/fundamentals/data-dictionary).
const KEY_PREFIX: Record<EmulatedMedia['type'], string> = { photo: '3', video: '7', animated_gif: '16' };

interface Upload {
  id: string;
  key: string;
  owners: string[];
  mediaType: string;
  family: Family;
  category: string;
  totalBytes: number;
  segments: Map<number, number>;
  state: 'uploading' | 'pending' | 'in_progress' | 'succeeded' | 'failed';
}

export interface MediaUploadOptions {
  /** `check_after_secs` in processing_info. @default 1 */
  checkAfterSecs: number;
  /** How many STATUS calls a video or GIF stays in processing before it succeeds. @default 2 */
  statusChecks: number;
}

const bad = (parameter: string, value: string, message: string): Answer => ({ status: 400, body: invalidRequest([{ parameter, values: value ? [value] : [], message }]) });

export class TwitterMediaUploads {
  readonly #uploads = new Map<string, Upload & { checks: number }>();
  #failNext = false;

  constructor(
    private readonly state: TwitterState,
    private readonly selfId: string,
    private readonly options: MediaUploadOptions,
  ) {}

  /** The next video or GIF processing ends with state `failed`. */
  failNextProcessing(): void {
    this.#failNext = true;
  }

  /** A finished upload by another user (ids the bot must not use). */
  seedUpload(ownerId: string, mediaType = 'image/png'): string {
    const upload = this.#create([ownerId], mediaType, FAMILY[mediaType] ?? 'image', 'tweet_image', 1);
    upload.segments.set(0, 1);
    this.#finish(upload);
    return upload.id;
  }

  initialize(raw: string): Answer {
    const body = parseObject(raw);
    if (!body) return bad('body', '', 'Request body must be a JSON object');
    const extra = Object.keys(body).filter((key) => !INIT_KEYS.includes(key));
    if (extra.length > 0) return bad(extra[0]!, '', `$.${extra[0]}: is not defined in the schema and the schema does not allow additional properties`);
    const { media_type: mediaType, total_bytes: totalBytes, media_category: category = 'tweet_image', additional_owners: owners = [] } = body;
    if (typeof mediaType !== 'string') return bad('media_type', '', '$.media_type: is required');
    const family = FAMILY[mediaType];
    if (!family) return bad('media_type', mediaType, `$.media_type: ${mediaType} is not a supported media type`);
    if (typeof totalBytes !== 'number' || !Number.isInteger(totalBytes) || totalBytes < 1) return bad('total_bytes', String(totalBytes ?? ''), '$.total_bytes: a positive integer is required');
    if (typeof category !== 'string' || !CATEGORIES[family].includes(category)) return bad('media_category', String(category), `$.media_category: ${String(category)} does not fit ${mediaType}`);
    const max = category.endsWith('_image') ? MAX_BYTES.image : MAX_BYTES[family];
    if (totalBytes > max) return bad('total_bytes', String(totalBytes), `File size exceeds ${max} bytes.`);
    if (!Array.isArray(owners) || !owners.every((owner) => typeof owner === 'string' && ID.test(owner))) return bad('additional_owners', '', '$.additional_owners: user ids expected');
    const upload = this.#create([this.selfId, ...(owners as string[])], mediaType, category.endsWith('_image') ? 'image' : family, category, totalBytes);
    return { status: 200, body: { data: { id: upload.id, media_key: upload.key, expires_after_secs: EXPIRES_AFTER_SECS } } };
  }

  /** POST /2/media/upload: the whole file in one request (MediaUploadResponse). */
  uploadWhole(raw: string): Answer {
    const body = parseObject(raw);
    if (!body) return bad('body', '', 'The emulator takes the JSON form of POST /2/media/upload: a JSON object with media as base64');
    const extra = Object.keys(body).filter((key) => !['media', 'media_category', 'additional_owners'].includes(key));
    if (extra.length > 0) return bad(extra[0]!, '', `$.${extra[0]}: is not defined in the schema and the schema does not allow additional properties`);
    const { media, media_category: category, additional_owners: owners } = body;
    if (typeof media !== 'string' || !isBase64(media)) return bad('media', '', '$.media: base64 bytes are required');
    if (typeof category !== 'string') return bad('media_category', '', '$.media_category: is required');
    if (owners !== undefined && (typeof owners !== 'string' || !owners.split(',').every((owner) => ID.test(owner)))) return bad('additional_owners', String(owners), '$.additional_owners: comma-separated user ids expected');
    const bytes = Uint8Array.from(atob(media.slice(0, 24)), (char) => char.charCodeAt(0));
    const mediaType = sniff(bytes);
    if (!mediaType) return bad('media', '', 'The media type could not be recognized.');
    const init = this.initialize(JSON.stringify({ media_type: mediaType, total_bytes: base64Bytes(media), media_category: category, ...(owners ? { additional_owners: (owners as string).split(',') } : {}) }));
    if (init.status !== 200) return init;
    const id = (init.body as { data: { id: string } }).data.id;
    const upload = this.#uploads.get(id)!;
    upload.segments.set(0, upload.totalBytes);
    return this.finalize(id);
  }

  append(id: string, raw: string): Answer {
    const upload = this.#mine(id);
    if ('status' in upload) return upload;
    if (upload.state !== 'uploading') return bad('id', id, 'The upload was already finalized.');
    const body = parseObject(raw);
    if (!body) return bad('body', '', 'Request body must be a JSON object');
    const extra = Object.keys(body).filter((key) => key !== 'media' && key !== 'segment_index');
    if (extra.length > 0) return bad(extra[0]!, '', `$.${extra[0]}: is not defined in the schema and the schema does not allow additional properties`);
    const { media, segment_index: index } = body;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > 999) return bad('segment_index', String(index ?? ''), '$.segment_index: an integer from 0 to 999 is required');
    if (typeof media !== 'string' || !isBase64(media)) return bad('media', '', '$.media: base64 bytes are required');
    const bytes = base64Bytes(media);
    if (bytes > MAX_CHUNK_BYTES) return bad('media', '', `A segment may hold at most ${MAX_CHUNK_BYTES} bytes.`);
    const others = [...upload.segments].reduce((sum, [segment, size]) => (segment === index ? sum : sum + size), 0);
    if (others + bytes > upload.totalBytes) return bad('media', '', `The segments exceed total_bytes (${upload.totalBytes}).`);
    upload.segments.set(index, bytes);
    return { status: 200, body: { data: { expires_at: Math.floor(Date.now() / 1000) + EXPIRES_AFTER_SECS } } };
  }

  finalize(id: string): Answer {
    const upload = this.#mine(id);
    if ('status' in upload) return upload;
    if (upload.state !== 'uploading') return { status: 200, body: { data: this.#describe(upload) } }; // a repeated finalize answers the state
    const received = [...upload.segments.values()].reduce((sum, size) => sum + size, 0);
    const contiguous = [...upload.segments.keys()].every((index) => index < upload.segments.size);
    if (received !== upload.totalBytes || !contiguous) return bad('id', id, `Segments received do not add up to total_bytes: ${received} of ${upload.totalBytes}.`);
    if (upload.family === 'image') this.#finish(upload);
    else upload.state = 'pending';
    return { status: 200, body: { data: this.#describe(upload) } };
  }

  status(url: URL): Answer {
    const unknown = [...url.searchParams.keys()].find((key) => key !== 'media_id' && key !== 'command');
    if (unknown) return bad(unknown, url.searchParams.get(unknown) ?? '', `The query parameter [${unknown}] is not one of [media_id,command]`);
    const command = url.searchParams.get('command');
    if (command !== null && command !== 'STATUS') return bad('command', command, '$.command: must be one of [STATUS]');
    const id = url.searchParams.get('media_id');
    if (id === null) return bad('media_id', '', 'The `media_id` query parameter can not be empty');
    const upload = this.#mine(id);
    if ('status' in upload) return upload;
    if (upload.state === 'uploading') return bad('media_id', id, 'The upload is not finalized.');
    if (upload.state === 'pending' || upload.state === 'in_progress') {
      upload.checks += 1;
      if (upload.checks >= this.options.statusChecks) this.#finish(upload);
      else upload.state = 'in_progress';
    }
    return { status: 200, body: { data: this.#describe(upload) } };
  }

  /** Media ids a post (`use` 'tweet') or a DM ('dm') names: a 400 unless each is the bot's, finished, of that use. */
  check(ids: string[], parameter: string, use: 'tweet' | 'dm'): Answer | undefined {
    const refused = ids.filter((id) => {
      const upload = this.#uploads.get(id);
      if (!upload || upload.state !== 'succeeded' || !upload.owners.includes(this.selfId)) return true;
      const forDm = upload.category.startsWith('dm_');
      return use === 'dm' ? !forDm : forDm;
    });
    if (refused.length === 0) return undefined;
    const error: InvalidParameter = { parameter, values: refused, message: INVALID_MEDIA_IDS };
    return { status: 400, body: invalidRequest([error]) };
  }

  /** The stored media key of an uploaded id. */
  keyOf(id: string): string {
    return this.#uploads.get(id)?.key ?? `3_${id}`;
  }

  #create(owners: string[], mediaType: string, family: Family, category: string, totalBytes: number): Upload & { checks: number } {
    const id = this.state.mintId();
    const type: EmulatedMedia['type'] = family === 'image' ? 'photo' : family === 'gif' ? 'animated_gif' : 'video';
    const upload = { id, key: `${KEY_PREFIX[type]}_${id}`, owners, mediaType, family, category, totalBytes, segments: new Map<number, number>(), state: 'uploading' as const, checks: 0 };
    this.#uploads.set(id, upload);
    return upload;
  }

  #finish(upload: Upload): void {
    if (upload.family !== 'image' && this.#failNext) {
      this.#failNext = false;
      upload.state = 'failed';
      return;
    }
    upload.state = 'succeeded';
    const type: EmulatedMedia['type'] = upload.family === 'image' ? 'photo' : upload.family === 'gif' ? 'animated_gif' : 'video';
    const media: EmulatedMedia = { media_key: upload.key, type, width: 1200, height: 800 };
    if (type === 'photo') media.url = `https://pbs.twimg.com/media/${upload.id}.jpg`;
    else media.preview_image_url = `https://pbs.twimg.com/ext_tw_video_thumb/${upload.id}/pu/img/preview.jpg`;
    this.state.media.set(upload.key, media);
  }

  /** FinalizeMediaUploadResponseData / GetMediaUploadStatusResponseData. */
  #describe(upload: Upload): Record<string, unknown> {
    const data: Record<string, unknown> = { id: upload.id, media_key: upload.key, size: upload.totalBytes, expires_after_secs: EXPIRES_AFTER_SECS };
    if (upload.family === 'image') data.image = { image_type: upload.mediaType, w: 1200, h: 800 };
    else {
      const progress = { pending: 0, in_progress: 50, succeeded: 100, failed: 0, uploading: 0 }[upload.state];
      data.processing_info = { state: upload.state, ...(upload.state === 'pending' || upload.state === 'in_progress' ? { check_after_secs: this.options.checkAfterSecs } : {}), progress_percent: progress };
      if (upload.state === 'succeeded' && upload.family === 'video') data.video = { video_type: 'video/mp4' };
    }
    return data;
  }

  /** An upload the bot may touch, or the 400 X answers for an id it does not know. */
  #mine(id: string): (Upload & { checks: number }) | Answer {
    if (!ID.test(id)) return bad('id', id, `The \`id\` path parameter value [${id}] is not valid`);
    const upload = this.#uploads.get(id);
    if (!upload || !upload.owners.includes(this.selfId)) return bad('media_id', id, INVALID_MEDIA_IDS);
    return upload;
  }
}

const isBase64 = (text: string) => text !== '' && text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
const base64Bytes = (text: string) => (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);

/** The media type of a file by its first bytes (JPEG, PNG, GIF, WEBP, MP4/MOV), or undefined. */
function sniff(bytes: Uint8Array): string | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(1, 4) === 'PNG') return 'image/png';
  if (ascii(0, 4) === 'GIF8') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 8) === 'ftyp') return ascii(8, 10) === 'qt' ? 'video/quicktime' : 'video/mp4';
  return undefined;
}
