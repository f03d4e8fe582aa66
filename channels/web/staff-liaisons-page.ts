import { html, page } from './html.js';

/** Where a signed-in staff member can go from the console's header. */
export const STAFF_LIAISONS_PATH = '/staff/liaisons';

/**
 * The Neighborhood Liaisons screen: accounts and their one-time link codes,
 * linked identities, revoking, a meeting's CSV import and a neighborhood's
 * counts. The data comes from /api/liaisons and /api/neighborhoods
 * (staff-liaisons.js); this is the empty frame.
 */
export function staffLiaisonsPage(cityName: string): string {
  return page({
    cityName,
    title: 'Neighborhood Liaisons',
    current: 'staff',
    bodyClass: 'staff-page',
    scripts: ['/assets/staff-dom.js', '/assets/staff-liaisons.js'],
    main: html`<div class="console-head">
  <h1>Neighborhood Liaisons</h1>
  <nav aria-label="Staff" class="staff-nav"><a href="/staff">Staff console</a></nav>
  <form method="post" action="/staff/logout"><button type="submit" class="secondary">Sign out</button></form>
</div>
<p id="liaison-message" class="liaison-message" role="status" aria-live="polite"></p>
<div class="console">
  <section class="panel" aria-labelledby="create-title">
    <h2 id="create-title">New liaison account</h2>
    <form id="create-form">
      <div class="field">
        <label for="liaison-name">Name</label>
        <input id="liaison-name" name="name" required maxlength="120" autocomplete="off">
      </div>
      <div class="field">
        <label for="liaison-neighborhood">Neighborhood</label>
        <input id="liaison-neighborhood" name="neighborhood" required maxlength="120" autocomplete="off">
      </div>
      <div class="field">
        <label for="liaison-organisation">Organisation</label>
        <input id="liaison-organisation" name="organisation" required maxlength="160" autocomplete="off">
      </div>
      <button type="submit">Create account</button>
    </form>
    <div id="code-panel" class="code-panel" role="region" aria-labelledby="code-title" tabindex="-1" hidden>
      <h3 id="code-title">Link code</h3>
      <p id="code-for"></p>
      <p class="link-code" id="link-code"></p>
      <p id="code-instruction"></p>
      <p id="code-expiry" class="muted"></p>
    </div>
  </section>
  <section class="panel" aria-labelledby="summary-title">
    <h2 id="summary-title">Neighborhood summary</h2>
    <form id="summary-form" class="inline-form">
      <div class="field">
        <label for="summary-neighborhood">Summary for neighborhood</label>
        <input id="summary-neighborhood" required maxlength="120" list="neighborhood-list" autocomplete="off">
        <datalist id="neighborhood-list"></datalist>
      </div>
      <button type="submit">Show summary</button>
    </form>
    <div id="summary-result" hidden>
      <dl class="summary-totals" id="summary-totals"></dl>
      <div class="table-wrap"><table id="summary-table">
        <caption id="summary-caption"></caption>
        <thead><tr><th scope="col">Service</th><th scope="col">Open</th><th scope="col">Closed</th><th scope="col">Delayed</th></tr></thead>
        <tbody></tbody>
      </table></div>
    </div>
  </section>
</div>
<section class="panel" aria-labelledby="accounts-title">
  <h2 id="accounts-title">Accounts</h2>
  <button type="button" id="accounts-refresh" class="secondary">Refresh</button>
  <p id="accounts-status"></p>
  <div class="table-wrap"><table id="accounts-table" class="account-cards" hidden>
    <caption class="visually-hidden">Liaison accounts</caption>
    <thead><tr><th scope="col">Name</th><th scope="col">Neighborhood</th><th scope="col">Organisation</th><th scope="col">Linked identities</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
    <tbody></tbody>
  </table></div>
</section>
<section class="panel" aria-labelledby="import-title">
  <h2 id="import-title">Import a meeting's requests (CSV)</h2>
  <p>Header row first: <code>service_code</code> and <code>address</code> (or <code>lat</code> and <code>long</code>); optional <code>description</code>, <code>noticed</code>, and the service's questions as columns.</p>
  <form id="import-form">
    <div class="field">
      <label for="import-account">Account</label>
      <select id="import-account" required></select>
    </div>
    <div class="field">
      <label for="import-file">CSV file</label>
      <input id="import-file" type="file" accept=".csv,text/csv,text/plain">
    </div>
    <div class="field">
      <label for="import-csv">Or paste the CSV</label>
      <textarea id="import-csv" spellcheck="false"></textarea>
    </div>
    <button type="submit">Import</button>
  </form>
  <div class="table-wrap"><table id="import-results" hidden>
    <caption id="import-caption"></caption>
    <thead><tr><th scope="col">Line</th><th scope="col">Result</th><th scope="col">Details</th></tr></thead>
    <tbody></tbody>
  </table></div>
</section>`,
  });
}
