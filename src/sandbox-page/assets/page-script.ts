/** The page's one JS module: plain DOM, no framework (the job is lists, a form and a table), no network beyond its own server. Kept free of backticks and dollar-brace so it sits in String.raw as is. */
export const PAGE_SCRIPT = String.raw`// The sandbox page: plain DOM, no framework. State and its changes come from /api/events, in order.
const PLACES = { timeline: 'Timeline', comments: 'Comments', topic: 'Topics', dm: 'Direct messages', reviews: 'Reviews' };
const THREADS_SHOWN = 40;
const MESSAGES_SHOWN = 30;
const LOG_SHOWN = 200;

const model = { platforms: [], rows: new Map(), requests: [], buckets: {}, transcript: [] };
const dirty = new Set();
let frame = 0;

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

const $ = (selector) => document.querySelector(selector);
const timeOf = (at) => new Date(at);
const clock = (at) => timeOf(at).toLocaleTimeString();
const labelOf = (platform) => (model.platforms.find((face) => face.platform === platform) || { label: platform }).label;
const say = (selector, text) => { $(selector).textContent = text; };

async function api(path, body) {
  const response = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error || answer.message || response.statusText);
  return answer;
}

// ---- the platform columns ----

function renderColumns() {
  const root = $('#platforms');
  if (root.children.length === 0) {
    for (const face of model.platforms) {
      root.append(el('section', { class: 'platform', 'data-platform': face.platform, 'aria-labelledby': 'column-' + face.platform },
        el('h2', { id: 'column-' + face.platform, text: face.label }), el('div', { class: 'places' })));
    }
  }
  for (const face of model.platforms) dirty.add(face.platform);
  flush();
}

function schedule(platform) {
  dirty.add(platform);
  if (!frame) frame = requestAnimationFrame(flush);
}

function flush() {
  frame = 0;
  const byPlatform = new Map();
  for (const row of model.rows.values()) {
    if (!dirty.has(row.platform)) continue;
    if (!byPlatform.has(row.platform)) byPlatform.set(row.platform, []);
    byPlatform.get(row.platform).push(row);
  }
  for (const platform of dirty) renderPlatform(platform, byPlatform.get(platform) || []);
  dirty.clear();
  document.body.dataset.rows = String(model.rows.size);
}

function renderPlatform(platform, rows) {
  const column = document.querySelector('[data-platform="' + platform + '"] .places');
  if (!column) return;
  const places = new Map();
  for (const row of rows) {
    if (!places.has(row.place)) places.set(row.place, new Map());
    const threads = places.get(row.place);
    if (!threads.has(row.threadId)) threads.set(row.threadId, []);
    threads.get(row.threadId).push(row);
  }
  const parts = [];
  for (const [place, threads] of places) {
    const ordered = [...threads.values()].map((messages) => messages.sort((a, b) => a.at - b.at || (a.isBot - b.isBot)))
      .sort((a, b) => b[b.length - 1].at - a[a.length - 1].at);
    const section = el('section', { 'data-place': place }, el('h3', { text: (PLACES[place] || place) + ' (' + ordered.length + ' threads)' }));
    for (const messages of ordered.slice(0, THREADS_SHOWN)) section.append(renderThread(messages));
    if (ordered.length > THREADS_SHOWN) section.append(el('p', { class: 'more', text: (ordered.length - THREADS_SHOWN) + ' older threads not shown' }));
    parts.push(section);
  }
  if (parts.length === 0) parts.push(el('p', { class: 'more', text: 'Nothing yet: write as a customer.' }));
  column.replaceChildren(...parts);
}

function renderThread(messages) {
  const first = messages[0];
  const title = first.threadTitle || messages.find((row) => row.threadTitle)?.threadTitle || first.text;
  const list = el('ol');
  const hidden = messages.length - MESSAGES_SHOWN;
  for (const row of messages.slice(-MESSAGES_SHOWN)) list.append(renderMessage(row));
  return el('article', { class: 'thread', 'data-thread': first.threadId },
    el('h4', { text: 'Thread: ' + title.slice(0, 80) }),
    hidden > 0 ? el('p', { class: 'more', text: hidden + ' earlier messages not shown' }) : null,
    list);
}

function renderMessage(row) {
  const stars = row.rating ? el('span', { class: 'stars', text: ' ' + '★'.repeat(row.rating) + '☆'.repeat(5 - row.rating) + ' (' + row.rating + ' of 5 stars)' }) : null;
  return el('li', { class: 'message ' + (row.isBot ? 'bot' : 'customer'), 'data-row-id': row.id, 'data-bot': row.isBot ? 'true' : 'false' },
    el('p', { class: 'meta' },
      el('span', { class: 'role', text: row.isBot ? '[bot] ' : '[customer] ' }),
      el('span', { class: 'who', text: row.author }), ' · ',
      el('time', { datetime: timeOf(row.at).toISOString(), text: clock(row.at) }), stars),
    el('p', { class: 'text', text: row.text }));
}

function addRows(rows) {
  for (const row of rows) {
    model.rows.set(row.id, row);
    schedule(row.platform);
  }
  refreshCustomers();
  refreshReplyChoices();
}

// ---- the customer form ----

function fillForm() {
  const platform = $('#f-platform');
  const faults = $('#fault-platform');
  const logs = $('#log-platform');
  for (const face of model.platforms) {
    platform.append(el('option', { value: face.platform, text: face.label }));
    faults.append(el('option', { value: face.platform, text: face.label }));
    logs.append(el('option', { value: face.platform, text: face.label }));
  }
  platform.addEventListener('change', () => { fillKinds(); refreshReplyChoices(); });
  $('#f-kind').addEventListener('change', () => { showFields(); refreshReplyChoices(); });
  fillKinds();
}

function fillKinds() {
  const face = model.platforms.find((candidate) => candidate.platform === $('#f-platform').value);
  $('#f-kind').replaceChildren(...face.kinds.map((kind) => el('option', { value: kind, text: kind })));
  showFields();
}

function showFields() {
  const kind = $('#f-kind').value;
  $('#f-stars').hidden = kind !== 'review';
  $('#f-reply-label').hidden = kind !== 'reply' && kind !== 'comment';
}

function refreshCustomers() {
  const names = new Set();
  for (const row of model.rows.values()) if (!row.isBot) names.add(row.author.replace(/^@/, ''));
  $('#customers').replaceChildren(...[...names].slice(-200).map((name) => el('option', { value: name })));
}

function refreshReplyChoices() {
  const select = $('#f-reply');
  const platform = $('#f-platform').value;
  const kind = $('#f-kind').value;
  const kept = select.value;
  const rows = [...model.rows.values()].filter((row) => row.platform === platform && row.place !== 'reviews' && row.place !== 'dm').sort((a, b) => b.at - a.at).slice(0, 40);
  const options = kind === 'reply' ? [] : [el('option', { value: '', text: '(where customers comment by default)' })];
  for (const row of rows) options.push(el('option', { value: row.nativeId, text: row.author + ': ' + row.text.slice(0, 50) }));
  select.replaceChildren(...options);
  if ([...select.options].some((option) => option.value === kept)) select.value = kept;
}

async function sendCustomer(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const body = { platform: form.get('platform'), kind: form.get('kind'), customer: form.get('customer'), text: form.get('text') };
  if (body.kind === 'review') body.rating = Number(form.get('rating'));
  if ((body.kind === 'reply' || body.kind === 'comment') && form.get('inReplyTo')) body.inReplyTo = form.get('inReplyTo');
  try {
    const row = await api('/api/customer', body);
    addRows([row]);
    say('#form-result', 'Sent on ' + labelOf(row.platform) + ' as ' + row.author + '.');
    $('#f-text').value = '';
  } catch (error) {
    say('#form-result', 'Not sent: ' + error.message);
  }
}

// ---- faults, transcripts ----

async function injectFault(event) {
  const button = event.target.closest('button[data-fault]');
  if (!button) return;
  const body = { platform: $('#fault-platform').value, fault: button.dataset.fault };
  if ($('#fault-target').value) body.target = $('#fault-target').value;
  try {
    const outcome = await api('/api/fault', body);
    say('#fault-result', outcome.message);
  } catch (error) {
    say('#fault-result', 'Not done: ' + error.message);
  }
}

function addTranscript(entry) {
  model.transcript.push(entry);
  const list = $('#transcript');
  list.append(el('li', { value: entry.n },
    '[' + entry.by + '] ' + labelOf(entry.platform) + ' · ' + entry.author + ': ' + entry.text.slice(0, 80) + ' ',
    el('button', { type: 'button', class: 'restart-here', 'data-restart': entry.n, text: 'Restart from message ' + entry.n })));
  while (list.children.length > 200) list.firstElementChild.remove();
  $('#restart-n').max = String(entry.n);
}

async function openTranscript(event) {
  const file = event.target.files[0];
  if (!file) return;
  try {
    const result = await api('/api/transcript', JSON.parse(await file.text()));
    say('#transcript-result', 'Opened: ' + result.replayed.length + ' customer messages written again' + (result.skipped.length ? ', ' + result.skipped.length + ' skipped' : '') + '.');
  } catch (error) {
    say('#transcript-result', 'Not opened: ' + error.message);
  }
}

async function restartFrom(event) {
  event.preventDefault();
  const button = event.target.closest && event.target.closest('button[data-restart]');
  if (event.type === 'click' && !button) return;
  try {
    const result = await api('/api/restart', { upTo: Number(button ? button.dataset.restart : $('#restart-n').value) });
    say('#transcript-result', 'Restarted: ' + result.replayed.length + ' customer messages written again.');
  } catch (error) {
    say('#transcript-result', 'Not restarted: ' + error.message);
  }
}

// ---- the request log and buckets ----

function addRequest(request) {
  model.requests.push(request);
  if (model.requests.length > 2000) model.requests.splice(0, model.requests.length - 2000);
  const shown = $('#log-platform').value;
  if (shown && request.platform !== shown) return;
  const body = $('#log tbody');
  body.prepend(renderRequest(request));
  while (body.children.length > LOG_SHOWN) body.lastElementChild.remove();
}

function renderRequest(request) {
  const limits = Object.entries(request.limits).map(([name, value]) => name + ': ' + value).join('; ');
  const status = request.dropped ? 'dropped' : String(request.status) + (request.status >= 400 ? ' (error)' : '');
  return el('tr', { 'data-platform': request.platform, 'data-status': request.dropped ? 'dropped' : request.status },
    el('td', { text: labelOf(request.platform) }),
    el('td', {}, el('button', { type: 'button', 'data-request': request.platform + '/' + request.index, title: request.path, text: request.method + ' ' + (request.path.length > 70 ? request.path.slice(0, 69) + '…' : request.path) })),
    el('td', { class: request.status >= 400 || request.dropped ? 'status-error' : '', text: status }),
    el('td', {}, el('time', { datetime: timeOf(request.at).toISOString(), text: clock(request.at) + ' (' + request.elapsedMs + ' ms)' })),
    el('td', { text: limits }));
}

function renderLog() {
  const shown = $('#log-platform').value;
  const rows = model.requests.filter((request) => !shown || request.platform === shown).slice(-LOG_SHOWN).reverse();
  $('#log tbody').replaceChildren(...rows.map(renderRequest));
}

const pretty = (text) => { try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; } };

async function showRequest(event) {
  const button = event.target.closest('button[data-request]');
  if (!button) return;
  const detail = await api('/api/requests/' + button.dataset.request);
  say('#request-title', detail.method + ' ' + detail.path);
  say('#request-json', JSON.stringify(detail.requestHeaders, null, 2) + '\n\n' + pretty(detail.requestBody || '(no body)'));
  say('#answer-json', (detail.dropped ? 'The connection was dropped: no answer.' : detail.status + '\n' + JSON.stringify(detail.answerHeaders, null, 2) + '\n\n' + pretty(detail.answerBody || '(no body)') + (detail.answerTruncated ? '\n… (cut at 64 KB)' : '')));
  $('#request-dialog').showModal();
}

function renderBuckets(platform, buckets) {
  model.buckets[platform] = buckets;
  const parts = [];
  for (const [name, list] of Object.entries(model.buckets)) {
    if (!list.length) continue;
    parts.push(el('h3', { text: labelOf(name) }));
    for (const bucket of list) {
      const seconds = Math.max(0, Math.round((bucket.resetAt - Date.now()) / 1000));
      parts.push(el('p', { class: 'bucket', 'data-bucket': bucket.bucket },
        el('progress', { max: bucket.limit, value: bucket.used, 'aria-label': bucket.bucket }),
        ' ' + bucket.bucket + ': ' + bucket.used + ' of ' + bucket.limit + ' used, resets in ' + seconds + ' s'));
    }
  }
  $('#buckets').replaceChildren(...(parts.length ? parts : [el('p', { text: 'No window opened yet.' })]));
}

// ---- start ----

// The state comes first in the event stream (and again with each restart), so every change after it is applied on
// top of it in order: a state fetched beside the stream could answer older than a change already shown, and erase it.
function applyState(state) {
  $('#platforms').replaceChildren();
  model.platforms = state.platforms;
  model.rows = new Map(state.rows.map((row) => [row.id, row]));
  model.requests = Object.values(state.requests).flat().sort((a, b) => a.at - b.at);
  model.transcript = [];
  $('#transcript').replaceChildren();
  for (const entry of state.transcript) addTranscript(entry);
  if (!$('#f-platform').options.length) fillForm();
  renderColumns();
  refreshCustomers();
  refreshReplyChoices();
  renderLog();
  for (const [platform, buckets] of Object.entries(state.buckets)) renderBuckets(platform, buckets);
  say('#status', 'Live: ' + model.rows.size + ' messages on ' + model.platforms.length + ' platforms; emulators at ' + state.sandboxUrl + '.');
  document.body.dataset.ready = 'true';
}

function listen() {
  const events = new EventSource('/api/events');
  events.addEventListener('state', (event) => applyState(JSON.parse(event.data)));
  events.addEventListener('rows', (event) => addRows(JSON.parse(event.data).rows));
  events.addEventListener('request', (event) => addRequest(JSON.parse(event.data).request));
  events.addEventListener('buckets', (event) => { const data = JSON.parse(event.data); renderBuckets(data.platform, data.buckets); });
  events.addEventListener('transcript', (event) => addTranscript(JSON.parse(event.data).entry));
  events.addEventListener('notice', (event) => say('#status', JSON.parse(event.data).text));
  events.addEventListener('restart', (event) => applyState(JSON.parse(event.data).state));
  events.addEventListener('error', () => say('#status', 'The connection to the sandbox was lost; retrying…'));
}

$('#customer-form').addEventListener('submit', sendCustomer);
document.querySelector('.buttons').addEventListener('click', injectFault);
$('#open-transcript').addEventListener('change', openTranscript);
$('#restart-form').addEventListener('submit', restartFrom);
$('#transcript').addEventListener('click', restartFrom);
$('#log').addEventListener('click', showRequest);
$('#log-platform').addEventListener('change', renderLog);
listen();
`;
