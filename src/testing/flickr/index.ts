export { FlickrEmulator, type FlickrEmulatorComment, type FlickrEmulatorOptions } from './flickr-emulator.js';
export { flickrHandlers } from './flickr-handlers.js';
