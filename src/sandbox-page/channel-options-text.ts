/**
 * What `everywhere sandbox` prints for each platform: the factory call with the sandbox's options,
 * to paste into a bot. They are the sandbox's own made-up credentials, valid on this machine only.
 */
import type { Sandbox } from '../testing/sandbox.js';

const FACTORIES: Array<[keyof Sandbox, string, string]> = [
  ['twitter', 'twitter', 'everywhere/twitter'],
  ['facebook', 'facebook', 'everywhere/facebook'],
  ['instagram', 'instagram', 'everywhere/instagram'],
  ['discourse', 'discourse', 'everywhere/discourse'],
  ['wordpress', 'wordpress', 'everywhere/wordpress'],
  ['youtube', 'youtube', 'everywhere/youtube'],
  ['flickr', 'flickr', 'everywhere/flickr'],
  ['googleBusiness', 'googleBusiness', 'everywhere/google-business'],
  ['trustpilot', 'trustpilot', 'everywhere/trustpilot'],
];

export function channelOptionsText(sandbox: Sandbox): string {
  return FACTORIES.map(([key, factory, module]) => {
    const options = (sandbox[key] as { options: unknown }).options;
    return `// import { ${factory} } from '${module}';\n${factory}(${JSON.stringify(options, null, 2)})`;
  }).join('\n\n');
}
