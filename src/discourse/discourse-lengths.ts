/**
 * The forum's own length rules. Discourse's defaults (config/site_settings.yml) are min_topic_title_length
 * 15, max_topic_title_length 255, min_first_post_length and min_post_length 20, min_personal_message_title_length
 * 2, min_personal_message_post_length 10, max_post_length 32000; forums change them. What the user sets wins;
 * otherwise the site's client settings (GET /site/settings.json, SiteController#settings: every client
 * setting, these among them) once per channel; the defaults where the key may not read them.
 */
import { ChannelError } from '../core/errors.js';

export interface DiscourseLengths {
  minPostLength: number;
  minFirstPostLength: number;
  minPersonalMessagePostLength: number;
  minTopicTitleLength: number;
  maxTopicTitleLength: number;
  minPersonalMessageTitleLength: number;
  maxPostLength: number;
}

export const DEFAULT_LENGTHS: DiscourseLengths = {
  minPostLength: 20,
  minFirstPostLength: 20,
  minPersonalMessagePostLength: 10,
  minTopicTitleLength: 15,
  maxTopicTitleLength: 255,
  minPersonalMessageTitleLength: 2,
  maxPostLength: 32_000,
};

/** The site setting behind each length. */
export const SITE_SETTING: Record<keyof DiscourseLengths, string> = {
  minPostLength: 'min_post_length',
  minFirstPostLength: 'min_first_post_length',
  minPersonalMessagePostLength: 'min_personal_message_post_length',
  minTopicTitleLength: 'min_topic_title_length',
  maxTopicTitleLength: 'max_topic_title_length',
  minPersonalMessageTitleLength: 'min_personal_message_title_length',
  maxPostLength: 'max_post_length',
};

// The key may not read the settings (a user key without the scope, a server that hides them): defaults.
const REFUSED = new Set(['not_found', 'forbidden', 'auth']);

/** The lengths of one channel: the user's, then the site's (read once), then the defaults. */
export class ForumLengths {
  #site: Partial<DiscourseLengths> | undefined;
  #reading: Promise<void> | undefined;

  constructor(
    private readonly given: Partial<DiscourseLengths>,
    private readonly readSite: () => Promise<Record<string, unknown>>,
  ) {}

  /** What is known without a request: the user's, the site's once read; undefined where unknown yet. */
  known(): Partial<DiscourseLengths> {
    return { ...(this.#site ?? {}), ...this.given };
  }

  /** Every length, reading the site first when needed; a failure that may pass leaves them unknown this time. */
  async resolve(): Promise<Partial<DiscourseLengths>> {
    const missing = (Object.keys(DEFAULT_LENGTHS) as Array<keyof DiscourseLengths>).some((key) => this.given[key] === undefined);
    if (missing && this.#site === undefined) {
      this.#reading ??= this.#read().finally(() => (this.#reading = undefined));
      await this.#reading;
    }
    return this.known();
  }

  async #read(): Promise<void> {
    try {
      const settings = await this.readSite();
      const site: Partial<DiscourseLengths> = {};
      for (const [key, name] of Object.entries(SITE_SETTING) as Array<[keyof DiscourseLengths, string]>) {
        const value = Number(settings[name]);
        site[key] = Number.isInteger(value) && value >= 0 ? value : DEFAULT_LENGTHS[key];
      }
      this.#site = site;
    } catch (error) {
      if (ChannelError.isInstance(error) && REFUSED.has(error.code)) this.#site = { ...DEFAULT_LENGTHS };
      // Otherwise (no answer, a limit) the server's own 422 decides this time; read again next time.
    }
  }
}
