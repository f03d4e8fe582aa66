import { REQUEST_STATUSES } from '../../requests/types.js';
import { html, page } from './html.js';
import { STAFF_LIAISONS_PATH } from './staff-liaisons-page.js';

/** `next`: the staff page to open after signing in (checked by the router), when not the console. */
export function staffLoginPage(cityName: string, error?: string, next?: string): string {
  return page({
    cityName,
    title: 'Staff sign-in',
    current: 'staff',
    main: html`<h1>Staff console sign-in</h1>
<form method="post" action="/staff/login" class="panel login">
  ${error ? html`<p class="error-text" role="alert" id="login-error">${error}</p>` : ''}
  ${next ? html`<input type="hidden" name="next" value="${next}">` : ''}
  <div class="field">
    <label for="staff-token">Staff token</label>
    <input id="staff-token" name="token" type="password" autocomplete="current-password" required
      ${error ? html`aria-describedby="login-error"` : ''}>
  </div>
  <button type="submit">Sign in</button>
</form>`,
  });
}

export function staffUnconfiguredPage(cityName: string): string {
  return page({
    cityName,
    title: 'Staff console unavailable',
    current: 'staff',
    main: html`<h1>Staff console unavailable</h1>
<p>The staff console is not configured on this server. An administrator sets <code>STAFF_TOKEN</code> to enable it.</p>`,
  });
}

export function staffConsolePage(cityName: string): string {
  return page({
    cityName,
    title: 'Staff console',
    current: 'staff',
    bodyClass: 'staff-page',
    scripts: ['/assets/webchat.js', '/assets/chat-setup.js', '/assets/staff-dom.js', '/assets/staff.js'],
    main: html`<div class="console-head">
  <h1>Staff console</h1>
  <nav aria-label="Staff" class="staff-nav"><a href="${STAFF_LIAISONS_PATH}">Neighborhood Liaisons</a></nav>
  <form method="post" action="/staff/logout"><button type="submit" class="secondary">Sign out</button></form>
</div>
<div class="console">
  <section class="panel" aria-labelledby="try-title">
    <h2 id="try-title">Try the bot</h2>
    <p>Chat as a resident would. Each answer's explanation appears in the next panel.</p>
    <div id="webchat" class="webchat" role="region" aria-label="Test chat with the bot"><p class="chat-loading">Loading the chat…</p></div>
  </section>
  <section class="panel" aria-labelledby="explain-title">
    <h2 id="explain-title">Why each answer</h2>
    <p id="explain-empty">Ask the bot something: the outcome, matched topic, confidence and close alternatives show here.</p>
    <ol id="explain-list" class="explain-list" aria-live="polite"></ol>
    <p><a href="/api/staff/corrections?download=1" id="export-corrections">Export corrections (JSON)</a></p>
  </section>
</div>
<section class="panel" aria-labelledby="testset-title">
  <h2 id="testset-title">Test set</h2>
  <form id="testset-form">
    <div class="field">
      <label for="testset-file">JSONL file (one <code>{"q", "expect", "style"}</code> per line)</label>
      <input id="testset-file" type="file" accept=".jsonl,.json,.txt,application/json,text/plain">
    </div>
    <div class="field">
      <label for="testset-text">Or paste the lines</label>
      <textarea id="testset-text" spellcheck="false"></textarea>
    </div>
    <button type="submit" id="testset-run">Run test set</button>
  </form>
  <p id="testset-status" role="status" aria-live="polite"></p>
  <div id="testset-summary"></div>
  <div class="table-wrap"><table id="testset-results" hidden>
    <caption class="visually-hidden">Test set results</caption>
    <thead><tr><th scope="col">Result</th><th scope="col">Style</th><th scope="col">Question</th><th scope="col">Expected</th><th scope="col">Got</th><th scope="col">Confidence</th></tr></thead>
    <tbody></tbody>
  </table></div>
</section>
<section class="panel" aria-labelledby="requests-title">
  <h2 id="requests-title">Recent requests</h2>
  <button type="button" id="requests-refresh" class="secondary">Refresh</button>
  <p id="requests-status" role="status" aria-live="polite"></p>
  <div class="table-wrap"><table id="requests-table" hidden>
    <caption class="visually-hidden">Recent service requests</caption>
    <thead><tr><th scope="col">Tracking number</th><th scope="col">Service</th><th scope="col">Status</th><th scope="col">Location</th><th scope="col">District</th><th scope="col">Description</th><th scope="col">Requested</th><th scope="col">Change status</th></tr></thead>
    <tbody></tbody>
  </table></div>
  <template id="status-options">${REQUEST_STATUSES.map((s) => html`<option value="${s}">${s}</option>`)}</template>
</section>`,
  });
}
