/**
 * What kind of file an attachment is, for Graph calls that need to know: a Page photo
 * (`POST /{page-id}/photos`) rather than a link share, and the Send API's `attachment.type`
 * (`image`, `video`, `audio`, `file`; https://developers.facebook.com/docs/messenger-platform/send-messages#sending_attachments).
 * A URL says it by its file extension (a URL without one is a link, or a `file` in Messenger).
 */
export type SendAttachmentType = 'image' | 'video' | 'audio' | 'file';

const BY_EXTENSION: Record<string, SendAttachmentType> = {
  jpg: 'image', jpeg: 'image', png: 'image', gif: 'image', webp: 'image', bmp: 'image', tif: 'image', tiff: 'image', heic: 'image',
  mp4: 'video', mov: 'video', m4v: 'video', avi: 'video', webm: 'video', mkv: 'video',
  mp3: 'audio', m4a: 'audio', aac: 'audio', wav: 'audio', ogg: 'audio', oga: 'audio',
};

export function attachmentTypeOfUrl(url: string): SendAttachmentType {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // not a URL: look at the text as it is
  }
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return (extension && BY_EXTENSION[extension]) || 'file';
}

export function attachmentTypeOfMime(mimeType: string): SendAttachmentType {
  const top = mimeType.split('/')[0]!.toLowerCase();
  return top === 'image' || top === 'video' || top === 'audio' ? top : 'file';
}

export function isImageUrl(url: string): boolean {
  return attachmentTypeOfUrl(url) === 'image';
}
