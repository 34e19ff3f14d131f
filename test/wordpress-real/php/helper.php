<?php
/*
 * The tests' own door into the test site (served by `php -S` beside WordPress, never through the
 * counting proxy): what a customer does in a browser, and a reset between tests. Needs the token the
 * harness wrote into helper-token.txt. POST form fields:
 *   action=comment, post, content, author, parent, status (1, 0 or spam), date_gmt (unix seconds), count
 *       -> {"ids": [N, ...]}  a visitor's comments (count of them, " <i>" appended to the content when count > 1)
 *   action=comments, post  -> [{id, parent, user_id, approved, content}, ...] every comment of the post, oldest first
 *   action=moderation, value (0 or 1)  -> {"ok": true} comments of non-moderators held (comment_moderation)
 *   action=timezone, value (an IANA name)  -> {"ok": true} the site's zone (Settings → General)
 *   action=reset  -> {"ok": true} every comment deleted, comments open, moderation off, zone UTC
 *   action=close, post  -> {"ok": true} comments closed on the post
 */
require __DIR__ . '/wp-load.php';
header('Content-Type: application/json');
if (!hash_equals(trim(file_get_contents(__DIR__ . '/helper-token.txt')), $_POST['token'] ?? '')) {
  http_response_code(403);
  echo json_encode(['error' => 'token']);
  exit;
}
global $wpdb;
switch ($_POST['action'] ?? '') {
  case 'comment':
    $when = (int) ($_POST['date_gmt'] ?? 0) ?: time();
    $count = max(1, (int) ($_POST['count'] ?? 1));
    $ids = [];
    for ($index = 1; $index <= $count; $index++) {
      $id = wp_insert_comment([
        'comment_post_ID' => (int) $_POST['post'],
        'comment_content' => wp_unslash($_POST['content']) . ($count > 1 ? " $index" : ''),
        'comment_author' => wp_unslash($_POST['author']),
        'comment_author_email' => 'customer@example.test',
        'comment_parent' => (int) ($_POST['parent'] ?? 0),
        'comment_approved' => $_POST['status'] ?? '1',
        'user_id' => 0,
        'comment_date' => get_date_from_gmt(gmdate('Y-m-d H:i:s', $when)),
        'comment_date_gmt' => gmdate('Y-m-d H:i:s', $when),
      ]);
      if (!$id) { http_response_code(500); echo json_encode(['error' => 'insert']); exit; }
      $ids[] = $id;
    }
    echo json_encode(['ids' => $ids]);
    break;
  case 'comments':
    $rows = $wpdb->get_results($wpdb->prepare("SELECT comment_ID, comment_parent, user_id, comment_approved, comment_content FROM {$wpdb->comments} WHERE comment_post_ID = %d ORDER BY comment_ID", (int) $_POST['post']));
    echo json_encode(array_map(fn ($row) => ['id' => (int) $row->comment_ID, 'parent' => (int) $row->comment_parent, 'user_id' => (int) $row->user_id, 'approved' => $row->comment_approved, 'content' => $row->comment_content], $rows));
    break;
  case 'moderation':
    update_option('comment_moderation', (int) $_POST['value']);
    echo json_encode(['ok' => true]);
    break;
  case 'timezone':
    update_option('timezone_string', wp_unslash($_POST['value']));
    echo json_encode(['ok' => true]);
    break;
  case 'reset':
    update_option('comment_moderation', 0);
    update_option('timezone_string', 'UTC');
    $wpdb->query("DELETE FROM {$wpdb->commentmeta}");
    $wpdb->query("DELETE FROM {$wpdb->comments}");
    $wpdb->query("UPDATE {$wpdb->posts} SET comment_count = 0, comment_status = 'open'");
    wp_cache_flush();
    echo json_encode(['ok' => true]);
    break;
  case 'close':
    $wpdb->update($wpdb->posts, ['comment_status' => 'closed'], ['ID' => (int) $_POST['post']]);
    clean_post_cache((int) $_POST['post']);
    echo json_encode(['ok' => true]);
    break;
  default:
    http_response_code(400);
    echo json_encode(['error' => 'action']);
}
