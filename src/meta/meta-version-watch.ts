/**
 * Graph names the version that answered in the `facebook-api-version` header; a call to a version that
 * is no longer available is answered by the oldest available one instead
 * (https://developers.facebook.com/docs/graph-api/guides/versioning: "calls made to it will be defaulted to
 * the next oldest usable version"). When the answering version is not the one asked for, the channel says
 * so once with an 'error' event: the calls go on, but under another version's rules.
 */
import type { AdapterContext } from '../core/adapter-context.js';
import { PlatformError } from '../core/errors.js';

export function watchGraphVersion(context: AdapterContext, asked: string): (headers: Headers) => void {
  let told = false;
  return (headers) => {
    const used = headers.get('facebook-api-version');
    if (told || !used || used === asked) return;
    told = true;
    context.emit(
      'error',
      new PlatformError(
        `Graph answers calls made with ${asked} with ${used}: ${asked} is deprecated and no longer available. Set apiVersion to a current version (https://developers.facebook.com/docs/graph-api/changelog/versions).`,
        context.errorOptions(),
      ),
    );
  };
}
