/** everywhere/flickr: comments on a Flickr account's photos as a Channel. */
export { flickr } from './flickr-channel.js';
export type { FlickrOAuth1, FlickrOptions } from './flickr-options.js';
