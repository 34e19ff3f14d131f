/**
 * `createSandbox()`: every platform emulator served on a real 127.0.0.1 port, with the options a
 * channel needs to talk to each. No credentials, no network: what `npm run demo` and users' own
 * integration tests run against.
 */
// Each emulator from its own file, not its folder's index: those export the msw handlers too, and msw is
// an optional peer the sandbox does not need (`npx everywhere sandbox` runs without it).
import { serveEmulators } from './serve-emulators.js';
import { DiscourseEmulator, type DiscourseEmulatorOptions } from './discourse/discourse-emulator.js';
import { FacebookEmulator, type FacebookEmulatorOptions } from './facebook/facebook-emulator.js';
import { FlickrEmulator, type FlickrEmulatorOptions } from './flickr/flickr-emulator.js';
import { GoogleBusinessEmulator, type GoogleBusinessEmulatorOptions } from './google-business/google-business-emulator.js';
import { TrustpilotEmulator, type TrustpilotEmulatorOptions } from './trustpilot/trustpilot-emulator.js';
import { InstagramEmulator, type InstagramEmulatorOptions } from './instagram/instagram-emulator.js';
import { TwitterEmulator, type TwitterEmulatorOptions } from './twitter/twitter-emulator.js';
import { WordpressEmulator, type WordpressEmulatorOptions } from './wordpress/wordpress-emulator.js';
import { YouTubeEmulator, type YouTubeEmulatorOptions } from './youtube/youtube-emulator.js';

export interface SandboxOptions {
  /** Port to listen on. @default a free port */
  port?: number;
  twitter?: TwitterEmulatorOptions;
  facebook?: FacebookEmulatorOptions;
  instagram?: InstagramEmulatorOptions;
  discourse?: DiscourseEmulatorOptions;
  wordpress?: WordpressEmulatorOptions;
  youtube?: YouTubeEmulatorOptions;
  flickr?: FlickrEmulatorOptions;
  googleBusiness?: GoogleBusinessEmulatorOptions;
  trustpilot?: TrustpilotEmulatorOptions;
}

export interface Sandbox {
  /** e.g. "http://127.0.0.1:53111" */
  url: string;
  twitter: {
    emulator: TwitterEmulator;
    /** Spread into `twitter({...})`: baseUrl, accessToken, userId and consumerSecret of the sandbox account. */
    options: { baseUrl: string; accessToken: string; userId: string; consumerSecret: string };
    /**
     * A new OAuth 2.0 grant of the sandbox account, as options to spread into `twitter({...})` in place of
     * `options`: its access token expires (`twitter.tokenLifetimeMs`) and the channel refreshes it.
     */
    oauth2Options(): {
      baseUrl: string;
      userId: string;
      consumerSecret: string;
      oauth2: { clientId: string; clientSecret?: string; refreshToken: string; accessToken: string; expiresAt: Date; scope: string };
    };
  };
  facebook: {
    emulator: FacebookEmulator;
    /** Spread into `facebook({...})`: baseUrl, pageId, pageAccessToken, appSecret and verifyToken of the sandbox Page. */
    options: { baseUrl: string; pageId: string; pageAccessToken: string; appSecret: string; verifyToken: string };
  };
  instagram: {
    /** The Instagram account linked to the sandbox Page, served on the same Graph origin as `facebook` (one Meta app, one Page token). */
    emulator: InstagramEmulator;
    /** Spread into `instagram({...})`: baseUrl, pageId, instagramAccountId, pageAccessToken, appSecret and verifyToken; the account has one post (`mediaId`). */
    options: { baseUrl: string; pageId: string; instagramAccountId: string; pageAccessToken: string; appSecret: string; verifyToken: string };
    mediaId: string;
  };
  discourse: {
    emulator: DiscourseEmulator;
    /** Spread into `discourse({...})`: baseUrl, apiKey, apiUsername and webhookSecret of the sandbox forum. */
    options: { baseUrl: string; apiKey: string; apiUsername: string; webhookSecret: string };
  };
  wordpress: {
    emulator: WordpressEmulator;
    /** Spread into `wordpress({...})`: baseUrl (http on 127.0.0.1, which WordPress allows), username and applicationPassword of the sandbox site's Editor. */
    options: { baseUrl: string; username: string; applicationPassword: string };
  };
  youtube: {
    emulator: YouTubeEmulator;
    /**
     * Spread into `youtube({...})`: baseUrl, channelId, an oauth2 grant the sandbox's token endpoint
     * refreshes (its access tokens last an hour, as Google's) and a raised daily quota, so listen() polls often.
     */
    options: { baseUrl: string; channelId: string; dailyQuota: number; oauth2: { clientId: string; clientSecret: string; refreshToken: string; tokenUrl: string } };
  };
  flickr: {
    emulator: FlickrEmulator;
    /** Spread into `flickr({...})`: baseUrl, userId and the oauth1 keys of the sandbox account, which has one photo (`photoId`). */
    options: { baseUrl: string; userId: string; oauth1: { consumerKey: string; consumerSecret: string; token: string; tokenSecret: string } };
    photoId: string;
  };
  googleBusiness: {
    emulator: GoogleBusinessEmulator;
    /**
     * Spread into `googleBusiness({...})`: baseUrl, accountId, locationId and an oauth2 grant the
     * sandbox's token endpoint refreshes (its access tokens last an hour, as Google's).
     */
    options: { baseUrl: string; accountId: string; locationId: string; oauth2: { clientId: string; clientSecret: string; refreshToken: string; tokenUrl: string } };
  };
  trustpilot: {
    emulator: TrustpilotEmulator;
    /**
     * Spread into `trustpilot({...})`: baseUrl, businessUnitId, businessUserId, apiKey, apiSecret, a business-user
     * grant (oauth2) the sandbox's refresh endpoint renews, and a webhookSecret for `webhook()`.
     */
    options: { baseUrl: string; businessUnitId: string; businessUserId: string; apiKey: string; apiSecret: string; oauth2: { refreshToken: string }; webhookSecret: string };
  };
  close(): Promise<void>;
}

const SANDBOX_TOKEN = 'sandbox-token';
const SANDBOX_CONSUMER_SECRET = 'sandbox-consumer-secret';
const SANDBOX_VERIFY_TOKEN = 'sandbox-verify-token';
const SANDBOX_TRUSTPILOT_WEBHOOK_SECRET = 'sandbox-trustpilot-webhook-secret';
// A project with a raised quota: the default 10,000 units would pace listen() to a poll every few seconds.
const SANDBOX_YOUTUBE_QUOTA = 1_000_000_000;

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const twitterEmulator = new TwitterEmulator({ accessToken: SANDBOX_TOKEN, consumerSecret: SANDBOX_CONSUMER_SECRET, ...options.twitter });
  const facebookEmulator = new FacebookEmulator(options.facebook);
  const instagramEmulator = new InstagramEmulator({ pageId: facebookEmulator.pageId, pageAccessToken: facebookEmulator.pageAccessToken, appSecret: facebookEmulator.appSecret, ...options.instagram });
  const instagramMediaId = instagramEmulator.media({ caption: 'Our spring collection is in the shop' });
  const discourseEmulator = new DiscourseEmulator(options.discourse);
  const wordpressEmulator = new WordpressEmulator(options.wordpress);
  const youtubeEmulator = new YouTubeEmulator({ dailyQuota: SANDBOX_YOUTUBE_QUOTA, ...options.youtube });
  youtubeEmulator.video('sandboxVid1', 'Getting started with our product');
  const flickrEmulator = new FlickrEmulator(options.flickr);
  const flickrPhotoId = flickrEmulator.photo('Our new store front');
  const googleBusinessEmulator = new GoogleBusinessEmulator(options.googleBusiness);
  const trustpilotEmulator = new TrustpilotEmulator(options.trustpilot);
  const server = await serveEmulators({ twitter: twitterEmulator, facebook: [instagramEmulator, facebookEmulator], discourse: discourseEmulator, wordpress: wordpressEmulator, youtube: youtubeEmulator, flickr: flickrEmulator, 'google-business': googleBusinessEmulator, trustpilot: trustpilotEmulator }, options.port);
  return {
    url: server.url,
    twitter: {
      emulator: twitterEmulator,
      options: {
        baseUrl: server.baseUrl('twitter'),
        accessToken: options.twitter?.accessToken ?? SANDBOX_TOKEN,
        userId: twitterEmulator.self.id,
        consumerSecret: options.twitter?.consumerSecret ?? SANDBOX_CONSUMER_SECRET,
      },
      oauth2Options: () => ({
        baseUrl: server.baseUrl('twitter'),
        userId: twitterEmulator.self.id,
        consumerSecret: options.twitter?.consumerSecret ?? SANDBOX_CONSUMER_SECRET,
        oauth2: twitterEmulator.authorizeOAuth2(),
      }),
    },
    facebook: {
      emulator: facebookEmulator,
      options: {
        baseUrl: server.baseUrl('facebook'),
        pageId: facebookEmulator.pageId,
        pageAccessToken: facebookEmulator.pageAccessToken,
        appSecret: facebookEmulator.appSecret,
        verifyToken: SANDBOX_VERIFY_TOKEN,
      },
    },
    instagram: {
      emulator: instagramEmulator,
      options: {
        baseUrl: server.baseUrl('facebook'),
        pageId: instagramEmulator.pageId,
        instagramAccountId: instagramEmulator.instagramAccountId,
        pageAccessToken: instagramEmulator.pageAccessToken,
        appSecret: instagramEmulator.appSecret,
        verifyToken: SANDBOX_VERIFY_TOKEN,
      },
      mediaId: instagramMediaId,
    },
    discourse: {
      emulator: discourseEmulator,
      options: {
        baseUrl: server.baseUrl('discourse'),
        apiKey: discourseEmulator.apiKey,
        apiUsername: discourseEmulator.botUsername,
        webhookSecret: discourseEmulator.webhookSecret,
      },
    },
    wordpress: {
      emulator: wordpressEmulator,
      options: { baseUrl: server.baseUrl('wordpress'), username: wordpressEmulator.bot.login, applicationPassword: wordpressEmulator.applicationPassword },
    },
    youtube: {
      emulator: youtubeEmulator,
      options: {
        baseUrl: server.baseUrl('youtube'),
        channelId: youtubeEmulator.channelId,
        dailyQuota: youtubeEmulator.dailyQuota,
        oauth2: { ...youtubeEmulator.oauth2, tokenUrl: `${server.baseUrl('youtube')}/token` },
      },
    },
    flickr: {
      emulator: flickrEmulator,
      options: { baseUrl: server.baseUrl('flickr'), userId: flickrEmulator.userId, oauth1: { ...flickrEmulator.keys } },
      photoId: flickrPhotoId,
    },
    googleBusiness: {
      emulator: googleBusinessEmulator,
      options: {
        baseUrl: server.baseUrl('google-business'),
        accountId: googleBusinessEmulator.accountId,
        locationId: googleBusinessEmulator.locationIds[0]!,
        oauth2: { ...googleBusinessEmulator.oauth2, tokenUrl: `${server.baseUrl('google-business')}/token` },
      },
    },
    trustpilot: {
      emulator: trustpilotEmulator,
      options: {
        baseUrl: server.baseUrl('trustpilot'),
        businessUnitId: trustpilotEmulator.businessUnitId,
        businessUserId: trustpilotEmulator.businessUserId,
        apiKey: trustpilotEmulator.apiKey,
        apiSecret: trustpilotEmulator.apiSecret,
        oauth2: { refreshToken: trustpilotEmulator.refreshToken },
        webhookSecret: SANDBOX_TRUSTPILOT_WEBHOOK_SECRET,
      },
    },
    close: () => server.close(),
  };
}
