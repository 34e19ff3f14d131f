/** Every platform of the sandbox, in the order the page shows them. */
import type { PlatformFace } from './platform-face.js';
import { discourseFace } from './discourse.js';
import { facebookFace } from './facebook.js';
import { flickrFace } from './flickr.js';
import { googleBusinessFace } from './google-business.js';
import { instagramFace } from './instagram.js';
import { trustpilotFace } from './trustpilot.js';
import { twitterFace } from './twitter.js';
import { wordpressFace } from './wordpress.js';
import { youtubeFace } from './youtube.js';

export const PLATFORM_FACES: readonly PlatformFace[] = [twitterFace, facebookFace, instagramFace, discourseFace, wordpressFace, youtubeFace, flickrFace, googleBusinessFace, trustpilotFace];

export const faceOf = (platform: string): PlatformFace | undefined => PLATFORM_FACES.find((face) => face.platform === platform);

export type { PlatformFace } from './platform-face.js';
