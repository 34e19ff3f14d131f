<?php
/*
 * The test site's configuration, written next to a copy of Debian's WordPress in a temporary folder.
 * The harness replaces each __PLACEHOLDER__ before WordPress reads it.
 */
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '__DB_PASSWORD__');
// The database listens on a socket in the temporary folder only (mariadbd --skip-networking).
define('DB_HOST', 'localhost:__DB_SOCKET__');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
$table_prefix = 'wp_';

// The address the channel uses: the counting proxy in front of `php -S`.
define('WP_HOME', '__SITE__');
define('WP_SITEURL', '__SITE__');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
// Application Passwords over plain HTTP need a site whose environment type is 'local'.
define('WP_ENVIRONMENT_TYPE', 'local');
// No loopback cron requests (they would show up as the channel's reads) and no request beyond this machine.
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', false);

foreach (['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'] as $name) {
  define($name, '__SALT__' . $name);
}

if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
