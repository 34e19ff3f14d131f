/**
 * The state of an emulated WordPress site: users with their roles, posts with their comment status,
 * and comments (approved, hold, spam, trash) as the wp_comments table keeps them. Facts from
 * WordPress/wordpress-develop (GPL; described here in our own words, nothing copied):
 * src/wp-includes/comment.php (wp_allow_comment: duplicates, flood), src/wp-includes/capabilities.php
 * and the default roles (Editors and Administrators have moderate_comments; Authors and Contributors
 * edit_posts; Subscribers neither).
 */
export type Role = 'administrator' | 'editor' | 'author' | 'contributor' | 'subscriber';
export type CommentStatus = 'approved' | 'hold' | 'spam' | 'trash';

export interface SiteUser {
  id: number;
  login: string;
  name: string;
  email: string;
  role: Role;
}

export interface SitePost {
  id: number;
  title: string;
  slug: string;
  author: number;
  commentStatus: 'open' | 'closed';
}

export interface SiteComment {
  id: number;
  post: number;
  parent: number;
  /** The user id of a logged-in commenter; 0 for a visitor. */
  userId: number;
  authorName: string;
  authorEmail: string;
  /** What was written, as stored (comment_content). */
  content: string;
  /** Epoch ms, on a whole second (MySQL DATETIME). */
  dateGmt: number;
  status: CommentStatus;
}

export const canModerate = (user: SiteUser | undefined) => user?.role === 'administrator' || user?.role === 'editor';
export const canEditPosts = (user: SiteUser | undefined) => user !== undefined && user.role !== 'subscriber';

export class Site {
  readonly users = new Map<number, SiteUser>();
  readonly posts = new Map<number, SitePost>();
  readonly comments = new Map<number, SiteComment>();
  /** The site's zone (an IANA name), in which `date` is shown and `after`/`before` compare. */
  timezone = 'UTC';
  #nextUser = 1;
  #nextPost = 1;
  #nextComment = 1;

  user(input: { login: string; name?: string; role?: Role }): SiteUser {
    const existing = this.userByLogin(input.login);
    if (existing) return existing;
    const user = { id: this.#nextUser++, login: input.login, name: input.name ?? input.login, email: `${input.login}@example.com`, role: input.role ?? 'subscriber' };
    this.users.set(user.id, user);
    return user;
  }

  userByLogin(login: string): SiteUser | undefined {
    return [...this.users.values()].find((user) => user.login.toLowerCase() === login.toLowerCase());
  }

  post(input: { title: string; author: number; commentStatus?: 'open' | 'closed' }): SitePost {
    const id = this.#nextPost++;
    // As sanitize_title_with_dashes: apostrophes and quotes are dropped, not turned into dashes ("What's" → "whats").
    const slug = input.title.toLowerCase().replace(/['’"]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || String(id);
    const post: SitePost = { id, title: input.title, slug, author: input.author, commentStatus: input.commentStatus ?? 'open' };
    this.posts.set(id, post);
    return post;
  }

  comment(input: Omit<SiteComment, 'id' | 'dateGmt'> & { dateGmt?: number }): SiteComment {
    const comment = { ...input, id: this.#nextComment++, dateGmt: wholeSecond(input.dateGmt ?? Date.now()) };
    this.comments.set(comment.id, comment);
    return comment;
  }

  /** Whether `user` (undefined: a visitor) may read this comment (the controller's check_read_permission). */
  canRead(user: SiteUser | undefined, comment: SiteComment): boolean {
    if (comment.status === 'approved') return true;
    if (!user) return false;
    if (canModerate(user)) return true;
    if (comment.userId === user.id) return true;
    // edit_comment maps to edit_post of its post: an Author edits their own posts.
    return user.role === 'author' && this.posts.get(comment.post)?.author === user.id;
  }
}

export function wholeSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
