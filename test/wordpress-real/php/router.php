<?php
/*
 * Router for `php -S`: a file that exists is served as is; every other path (the REST API's
 * /wp-json/... among them) goes to WordPress's index.php, as a web server's rewrite rule would send it.
 */
$root = $_SERVER['DOCUMENT_ROOT'];
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if ($path !== '/' && is_file($root . $path)) return false;
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
chdir($root);
require $root . '/index.php';
