/**
 * Staff console: Neighborhood Liaisons. Talks to /api/liaisons and
 * /api/neighborhoods with the console's session cookie (changes as JSON).
 * Everything from the server goes into the page with textContent, never as HTML.
 */
(() => {
  const SELF = '/staff/liaisons';
  const { $, el } = window.StaffDom;
  const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');
  let accounts = [];
  const COLUMNS = ['Name', 'Neighborhood', 'Organisation', 'Linked identities', 'Status', 'Actions'];

  /** One place for news and errors: an aria-live region at the top of the page. */
  function say(text, isError = false) {
    const message = $('liaison-message');
    message.textContent = text;
    message.className = `liaison-message${isError ? ' error-text' : ' ok-text'}`;
  }

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  /** Calls the staff API; a lapsed session sends the page back to sign-in, as a reload of the console does. */
  async function api(method, path, body) {
    const init = { method, credentials: 'same-origin', headers: {} };
    if (method !== 'GET') {
      // The session bridge takes changes only as JSON (a cross-site form cannot send it).
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body ?? {});
    }
    let res;
    try {
      res = await fetch(path, init);
    } catch {
      throw new ApiError(
        0,
        'NETWORK',
        'The server could not be reached. Check the connection and try again.',
      );
    }
    if (res.status === 401) {
      window.location.assign(SELF);
      return new Promise(() => undefined);
    }
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      const message = data?.error?.message ?? `The server answered ${res.status}.`;
      throw new ApiError(res.status, data?.error?.code ?? `HTTP_${res.status}`, message);
    }
    return data;
  }

  const failed = (what) => (error) => say(`${what}: ${error.message}`, true);

  // ---- Link codes ---------------------------------------------------------------------
  function showCode(issued, fresh) {
    const { liaison, linkCode, linkCodeExpiresAt } = issued;
    $('code-for').textContent = fresh
      ? `Account created for ${liaison.name} (${liaison.neighborhood}).`
      : `New code for ${liaison.name} (${liaison.neighborhood}); older unused codes no longer work.`;
    $('link-code').textContent = linkCode;
    $('code-instruction').textContent =
      `Give this code to ${liaison.name} now: it is shown only once. ` +
      `They text LIAISON ${linkCode} from their phone, Slack or X to link it to the account.`;
    $('code-expiry').textContent = `It links one phone or account, until ${when(linkCodeExpiresAt)}.`;
    const panel = $('code-panel');
    panel.hidden = false;
    panel.focus();
  }

  $('create-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const issued = await api('POST', '/api/liaisons', {
        name: $('liaison-name').value.trim(),
        neighborhood: $('liaison-neighborhood').value.trim(),
        organisation: $('liaison-organisation').value.trim(),
      });
      form.reset();
      showCode(issued, true);
      say(`Account created for ${issued.liaison.name}. Its link code is shown once, below the form.`);
      await loadAccounts();
    } catch (error) {
      failed('The account could not be created')(error);
    } finally {
      button.disabled = false;
    }
  });

  // ---- Accounts -------------------------------------------------------------------------
  function identitiesCell(account) {
    const cell = el('td');
    if (account.identities.length === 0) {
      cell.textContent = 'None yet';
      return cell;
    }
    const list = el('ul', undefined, 'identity-list');
    for (const i of account.identities) {
      const state = i.revokedAt ? `unlinked ${when(i.revokedAt)}` : `linked ${when(i.linkedAt)}`;
      const item = el('li');
      item.append(el('span', `${i.channel}: ${i.userId} (${state})`));
      if (!i.revokedAt && !account.revokedAt) {
        const box = el('span', undefined, 'identity-actions');
        const unlink = actionButton('Unlink', ` ${i.channel}: ${i.userId}`, 'secondary');
        unlink.addEventListener('click', () => confirmUnlink(box, account, i, unlink));
        box.append(unlink);
        item.append(' ', box);
      }
      list.append(item);
    }
    cell.append(list);
    return cell;
  }

  /** A button whose accessible name also says which account it acts on. */
  function actionButton(text, hidden, className) {
    const button = el('button', text, className);
    button.type = 'button';
    button.append(el('span', hidden, 'visually-hidden'));
    return button;
  }

  function actionsCell(account) {
    const cell = el('td', undefined, 'account-actions');
    if (account.revokedAt) return cell;
    const box = el('div');
    cell.append(box);
    const newCode = actionButton('New code', ` for ${account.name}`, 'secondary');
    newCode.addEventListener('click', async () => {
      newCode.disabled = true;
      try {
        const issued = await api('POST', `/api/liaisons/${encodeURIComponent(account.id)}/codes`);
        showCode(issued, false);
        say(`New link code for ${account.name}, shown below the form.`);
      } catch (error) {
        failed(`No new code for ${account.name}`)(error);
      } finally {
        newCode.disabled = false;
      }
    });
    const revoke = actionButton('Revoke', ` ${account.name}`, 'danger');
    revoke.addEventListener('click', () => confirmRevoke(box, account, revoke));
    box.append(newCode, revoke);
    return cell;
  }

  /**
   * A confirm step in `box`: the question, then "Yes, ..." runs `act` and reloads the
   * accounts; Cancel puts the buttons back and returns focus to `back`.
   */
  function confirmStep(box, { question, yesText, back, act, failure }) {
    const before = [...box.childNodes];
    const yes = el('button', yesText, 'danger');
    yes.type = 'button';
    const no = el('button', 'Cancel', 'secondary');
    no.type = 'button';
    box.replaceChildren(question, yes, no);
    no.focus();
    no.addEventListener('click', () => {
      box.replaceChildren(...before);
      back.focus();
    });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        await act();
        await loadAccounts();
      } catch (error) {
        yes.disabled = false;
        failed(failure)(error);
      }
    });
  }

  /** Revoking cannot be undone from here. */
  function confirmRevoke(box, account, back) {
    confirmStep(box, {
      question: el(
        'p',
        `Revoke ${account.name}'s account? Its linked identities stop acting for it and its codes stop working.`,
      ),
      yesText: 'Yes, revoke',
      back,
      failure: `${account.name}'s account could not be revoked`,
      act: async () => {
        await api('DELETE', `/api/liaisons/${encodeURIComponent(account.id)}`);
        say(`${account.name}'s account is revoked: its linked identities no longer act for it.`);
      },
    });
  }

  /** Unlinks one identity: the account and its other identities stay as they are. */
  function confirmUnlink(box, account, identity, back) {
    const who = `${identity.channel}: ${identity.userId}`;
    confirmStep(box, {
      question: el('span', `Unlink ${who} from ${account.name}'s account? `),
      yesText: 'Yes, unlink',
      back,
      failure: `${who} could not be unlinked`,
      act: async () => {
        const [id, channel, userId] = [account.id, identity.channel, identity.userId].map(encodeURIComponent);
        await api('DELETE', `/api/liaisons/${id}/identities/${channel}/${userId}`);
        say(`${who} is unlinked: it no longer acts for ${account.name}'s account.`);
      },
    });
  }

  function renderAccounts() {
    const table = $('accounts-table');
    const body = table.querySelector('tbody');
    body.replaceChildren();
    for (const a of accounts) {
      const tr = el('tr');
      tr.dataset.id = a.id;
      const status = a.revokedAt ? `Revoked ${when(a.revokedAt)}` : 'Active';
      const cells = [
        el('td', a.name),
        el('td', a.neighborhood),
        el('td', a.organisation),
        identitiesCell(a),
        el('td', status, a.revokedAt ? 'status-revoked' : 'status-active'),
        actionsCell(a),
      ];
      // On a phone each row stacks as a card; the CSS shows these labels there.
      cells.forEach((cell, i) => {
        cell.dataset.label = COLUMNS[i];
      });
      tr.append(...cells);
      body.append(tr);
    }
    table.hidden = accounts.length === 0;
    $('accounts-status').textContent = accounts.length
      ? `${accounts.length} account${accounts.length === 1 ? '' : 's'}.`
      : 'No liaison accounts yet.';

    const select = $('import-account');
    const chosen = select.value;
    select.replaceChildren();
    for (const a of accounts.filter((x) => !x.revokedAt)) {
      const option = el('option', `${a.name} (${a.neighborhood})`);
      option.value = a.id;
      select.append(option);
    }
    if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
    const places = [...new Set(accounts.map((a) => a.neighborhood))];
    $('neighborhood-list').replaceChildren(
      ...places.map((p) => {
        const option = el('option');
        option.value = p;
        return option;
      }),
    );
  }

  async function loadAccounts() {
    try {
      accounts = (await api('GET', '/api/liaisons')).liaisons ?? [];
      renderAccounts();
    } catch (error) {
      $('accounts-status').textContent = 'The accounts could not be loaded.';
      failed('The accounts could not be loaded')(error);
    }
  }
  $('accounts-refresh').addEventListener('click', loadAccounts);

  // ---- CSV import -------------------------------------------------------------------------
  $('import-file').addEventListener('change', async (event) => {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    try {
      $('import-csv').value = await file.text();
      say(`${file.name} is ready to import: check the account and press Import.`);
    } catch {
      say(`${file.name} could not be read.`, true);
    }
  });

  function renderImport(result) {
    const rows = [
      ...result.filed.map((f) => ({ line: f.line, ok: true, f })),
      ...result.rejected.map((r) => ({ line: r.line, ok: false, r })),
    ].sort((a, b) => a.line - b.line);
    const table = $('import-results');
    const body = table.querySelector('tbody');
    body.replaceChildren();
    for (const row of rows) {
      const tr = el('tr');
      let details;
      if (row.ok) {
        details = `Tracking number ${row.f.id} (${row.f.serviceCode})`;
        if (row.f.duplicateOf) details += `; request ${row.f.duplicateOf} for the same problem is open`;
      } else {
        details = row.r.field ? `${row.r.message} (column ${row.r.field})` : row.r.message;
      }
      tr.append(
        el('td', row.line),
        el('td', row.ok ? 'Filed' : 'Rejected', row.ok ? 'pass' : 'fail'),
        el('td', details),
      );
      body.append(tr);
    }
    $('import-caption').textContent =
      `Import: ${result.filed.length} filed, ${result.rejected.length} rejected`;
    table.hidden = rows.length === 0;
  }

  $('import-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = $('import-account').value;
    const csv = $('import-csv').value;
    if (!id) {
      say('Create an account first: every imported request belongs to one.', true);
      return;
    }
    if (csv.trim() === '') {
      say('Paste the CSV or choose a file first.', true);
      $('import-csv').focus();
      return;
    }
    const button = event.currentTarget.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const result = await api('POST', `/api/liaisons/${encodeURIComponent(id)}/import`, { csv });
      renderImport(result);
      say(`Imported: ${result.filed.length} filed, ${result.rejected.length} rejected. See each line below.`);
    } catch (error) {
      $('import-results').hidden = true;
      failed('Nothing was imported')(error);
    } finally {
      button.disabled = false;
    }
  });

  // ---- Neighborhood summary -------------------------------------------------------------------
  $('summary-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = $('summary-neighborhood').value.trim();
    if (!name) return;
    try {
      const { summary } = await api('GET', `/api/neighborhoods/${encodeURIComponent(name)}/summary`);
      const totals = $('summary-totals');
      totals.replaceChildren();
      for (const [term, value] of [
        ['Requests', summary.total],
        ['Open', summary.open],
        ['Closed', summary.closed],
        ['Delayed', summary.delayed],
      ]) {
        totals.append(el('dt', term), el('dd', value));
      }
      $('summary-caption').textContent = `${summary.neighborhood}: requests by service`;
      const body = $('summary-table').querySelector('tbody');
      body.replaceChildren();
      for (const s of summary.byService) {
        const tr = el('tr');
        const service =
          s.serviceName && s.serviceName !== s.serviceCode
            ? `${s.serviceName} (${s.serviceCode})`
            : s.serviceCode;
        tr.append(el('td', service), el('td', s.open), el('td', s.closed), el('td', s.delayed));
        body.append(tr);
      }
      $('summary-table').hidden = summary.byService.length === 0;
      $('summary-result').hidden = false;
      say(
        `${summary.neighborhood}: ${summary.open} open, ${summary.closed} closed, ${summary.delayed} delayed.`,
      );
    } catch (error) {
      $('summary-result').hidden = true;
      failed(`No summary for ${name}`)(error);
    }
  });

  loadAccounts();
})();
