/** The page itself: semantic HTML, every control labelled, readable without colour or script styling. */
export const PAGE_HTML = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>everywhere sandbox</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/page.css">
<script type="module" src="/page.js"></script>
</head>
<body>
<a class="skip" href="#write">Skip to the customer form</a>
<header>
  <h1>everywhere sandbox</h1>
  <p>Every platform's emulator as its users see it. You are every customer; the bot answers live.</p>
  <p id="status" role="status" aria-live="polite">Connecting…</p>
</header>
<main>
  <section id="platforms" aria-label="Platforms"></section>
  <aside aria-label="Tools">
    <section id="write" aria-labelledby="write-title">
      <h2 id="write-title">Write as a customer</h2>
      <form id="customer-form">
        <label for="f-platform">Platform</label> <select name="platform" id="f-platform"></select>
        <label for="f-kind">What</label> <select name="kind" id="f-kind"></select>
        <label for="f-customer">Customer</label> <input name="customer" id="f-customer" list="customers" required maxlength="40" value="jane">
        <datalist id="customers"></datalist>
        <div id="f-reply-label"><label for="f-reply">In reply to</label> <select name="inReplyTo" id="f-reply"></select></div>
        <fieldset id="f-stars" hidden>
          <legend>Stars</legend>
          <label><input type="radio" name="rating" value="1"> 1 star</label>
          <label><input type="radio" name="rating" value="2"> 2 stars</label>
          <label><input type="radio" name="rating" value="3" checked> 3 stars</label>
          <label><input type="radio" name="rating" value="4"> 4 stars</label>
          <label><input type="radio" name="rating" value="5"> 5 stars</label>
        </fieldset>
        <label for="f-text">Text</label> <textarea name="text" id="f-text" rows="3" required></textarea>
        <button type="submit">Send as the customer</button>
        <p id="form-result" role="status" aria-live="polite"></p>
      </form>
    </section>
    <section aria-labelledby="faults-title">
      <h2 id="faults-title">Faults</h2>
      <label for="fault-platform">On</label> <select id="fault-platform"></select>
      <div class="buttons">
        <button type="button" data-fault="429-storm">429 storm (3 s)</button>
        <button type="button" data-fault="503-after-write">Error after a write</button>
        <button type="button" data-fault="drop-connection">Drop a connection</button>
        <button type="button" data-fault="expired-token">Expire the token</button>
        <button type="button" data-fault="webhook-twice">Webhook twice</button>
      </div>
      <label for="fault-target">Bot's webhook URL (for "Webhook twice")</label> <input id="fault-target" type="url" placeholder="http://127.0.0.1:3000/webhooks/x">
      <p id="fault-result" role="status" aria-live="polite"></p>
    </section>
    <section aria-labelledby="transcript-title">
      <h2 id="transcript-title">Transcript</h2>
      <p><a id="save-transcript" href="/api/transcript" download="sandbox-transcript.json">Save the transcript (JSON)</a></p>
      <label for="open-transcript">Open a transcript</label> <input id="open-transcript" type="file" accept="application/json,.json">
      <form id="restart-form">
        <label for="restart-n">Restart from message</label> <input id="restart-n" type="number" min="0" value="0" required>
        <button type="submit">Restart</button>
      </form>
      <p id="transcript-result" role="status" aria-live="polite"></p>
      <ol id="transcript" class="transcript"></ol>
    </section>
    <section aria-labelledby="buckets-title">
      <h2 id="buckets-title">Rate-limit buckets</h2>
      <div id="buckets"></div>
    </section>
    <section id="log-section" aria-labelledby="log-title">
      <h2 id="log-title">Request log</h2>
      <label for="log-platform">Show</label> <select id="log-platform"><option value="">every platform</option></select>
      <table id="log">
        <caption>Newest first; choose a request to see its JSON.</caption>
        <thead><tr><th scope="col">Platform</th><th scope="col">Request</th><th scope="col">Status</th><th scope="col">Time</th><th scope="col">Rate-limit headers</th></tr></thead>
        <tbody></tbody>
      </table>
    </section>
  </aside>
</main>
<dialog id="request-dialog" aria-labelledby="request-title">
  <h2 id="request-title">Request</h2>
  <pre id="request-json"></pre>
  <h2>Answer</h2>
  <pre id="answer-json"></pre>
  <form method="dialog"><button>Close</button></form>
</dialog>
</body>
</html>
`;
