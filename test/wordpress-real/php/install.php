<?php
/*
 * Installs the test site from the command line (`php install.php`): WordPress's own installer
 * (wp_install), pretty permalinks so /wp-json/ routes resolve, one published post open to comments,
 * the support user (an Editor: moderators are exempt from the comment flood check) and an
 * Application Password for it, and an Author with one too (Authors do not moderate: the flood check and
 * moderation apply to them). Prints one JSON line: { postId, username, applicationPassword, author }.
 */
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = parse_url(getenv('EVERYWHERE_SITE'), PHP_URL_HOST);
$_SERVER['REQUEST_URI'] = '/';
require __DIR__ . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

ob_start(); // the installer may print notices (e.g. the welcome mail it cannot send)
wp_install('Everywhere test site', 'admin', 'admin@example.test', false, '', wp_generate_password(24));
update_option('permalink_structure', '/%postname%/');
update_option('comment_moderation', 0);
update_option('comment_previously_approved', 0);
update_option('thread_comments', 1);
update_option('thread_comments_depth', 10);
flush_rewrite_rules();

$bot = wp_insert_user([
  'user_login' => 'support_bot',
  'user_pass' => wp_generate_password(24),
  'user_email' => 'support@example.test',
  'display_name' => 'Support Bot',
  'role' => 'editor',
]);
if (is_wp_error($bot)) { fwrite(STDERR, $bot->get_error_message()); exit(1); }
$post = wp_insert_post([
  'post_title' => "Our new laptop: what's inside",
  'post_content' => 'Photos and specifications of the new model.',
  'post_status' => 'publish',
  'comment_status' => 'open',
  'post_author' => 1,
], true);
if (is_wp_error($post)) { fwrite(STDERR, $post->get_error_message()); exit(1); }
$author = wp_insert_user([
  'user_login' => 'support_author',
  'user_pass' => wp_generate_password(24),
  'user_email' => 'author@example.test',
  'display_name' => 'Support Author',
  'role' => 'author',
]);
if (is_wp_error($author)) { fwrite(STDERR, $author->get_error_message()); exit(1); }

function everywhere_application_password($user) {
  $created = WP_Application_Passwords::create_new_application_password($user, ['name' => 'everywhere tests']);
  if (is_wp_error($created)) { fwrite(STDERR, $created->get_error_message()); exit(1); }
  return WP_Application_Passwords::chunk_password($created[0]); // the plain password, given this once only
}
$passwords = [everywhere_application_password($bot), everywhere_application_password($author)];
ob_end_clean();
echo json_encode([
  'postId' => $post,
  'username' => 'support_bot',
  'applicationPassword' => $passwords[0],
  'author' => ['username' => 'support_author', 'applicationPassword' => $passwords[1]],
]), "\n";
