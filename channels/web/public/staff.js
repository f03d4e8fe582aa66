/**
 * Staff console. Everything a resident typed is put into the page with
 * textContent, never as HTML.
 */
(() => {
  const { $, el } = window.StaffDom;
  const pct = (score) => `${Math.round((Number(score) || 0) * 100)}%`;
  const jsonHeaders = { 'content-type': 'application/json' };
  let topics = [];
  const titleOf = (id) => topics.find((t) => t.id === id)?.title;
  const topicLabel = (id) => (id ? `${titleOf(id) ?? id} (${id})` : 'none');

  async function loadTopics() {
    const res = await fetch('/api/kb');
    topics = res.ok ? await res.json() : [];
  }

  // ---- Why each answer -------------------------------------------------------
  const seen = new Set();
  let lastQuestion = '';

  function correctionControls(item, question, explain) {
    const wrap = el('div', undefined, 'correction');
    const wrong = el('button', 'Wrong answer', 'secondary');
    wrong.type = 'button';
    wrap.append(wrong);
    wrong.addEventListener('click', () => {
      wrong.hidden = true;
      const id = `fix-${Math.random().toString(36).slice(2)}`;
      const label = el('label', 'Right topic');
      label.htmlFor = id;
      const select = el('select');
      select.id = id;
      select.append(el('option', 'Nothing we cover (out of scope)'));
      select.lastChild.value = '';
      for (const t of topics) {
        const option = el('option', `${t.title} (${t.id})`);
        option.value = t.id;
        select.append(option);
      }
      const save = el('button', 'Save correction');
      save.type = 'button';
      const status = el('span', '', '');
      status.setAttribute('role', 'status');
      wrap.append(label, select, save, status);
      select.focus();
      save.addEventListener('click', async () => {
        save.disabled = true;
        const res = await fetch('/api/staff/corrections', {
          method: 'POST',
          headers: jsonHeaders,
          body: JSON.stringify({
            question,
            outcome: explain.outcome,
            answeredTopic: explain.topic ?? null,
            score: explain.score,
            correctTopic: select.value || null,
          }),
        });
        if (res.ok) {
          item.classList.add('is-corrected');
          label.remove();
          select.remove();
          save.remove();
          status.className = 'corrected';
          status.textContent = `Corrected: the right topic is ${topicLabel(select.value || null)}`;
        } else {
          save.disabled = false;
          status.className = 'error-text';
          status.textContent = 'The correction could not be saved.';
        }
      });
    });
    return wrap;
  }

  function showExplain(question, explain) {
    $('explain-empty').hidden = true;
    const item = el('li', undefined, 'explain-item');
    item.append(el('p', question ? `“${question}”` : '(conversation start)', 'explain-q'));
    const dl = el('dl', undefined, 'explain-meta');
    const row = (term, value) => dl.append(el('dt', term), el('dd', value));
    row('Outcome', explain.outcome);
    row('Topic', topicLabel(explain.topic));
    row('Confidence', pct(explain.score));
    const alternatives = (explain.alternatives || []).map((a) => `${topicLabel(a.topic)} ${pct(a.score)}`);
    row('Came close', alternatives.length ? alternatives.join('; ') : 'nothing');
    if (explain.field) row('Matched', `${explain.field}: ${explain.matched ?? ''}`);
    item.append(dl);
    if (question) item.append(correctionControls(item, question, explain));
    $('explain-list').prepend(item);
  }

  function onIncoming(activity) {
    if (!activity || (activity.id && seen.has(activity.id))) return;
    if (activity.id) seen.add(activity.id);
    const role = activity.from?.role;
    if (role === 'user' && activity.type === 'message') {
      lastQuestion = activity.text || '';
      return;
    }
    const explain = activity.channelData?.explain;
    if (role === 'bot' && explain && typeof explain === 'object') showExplain(lastQuestion, explain);
  }

  // ---- Test set ---------------------------------------------------------------
  $('testset-file').addEventListener('change', async (event) => {
    const file = event.target.files?.[0];
    if (file) $('testset-text').value = await file.text();
  });

  $('testset-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('testset-text').value;
    const status = $('testset-status');
    const button = $('testset-run');
    if (!text.trim()) {
      status.textContent = 'Choose a file or paste some lines first.';
      return;
    }
    button.disabled = true;
    status.textContent = 'Running…';
    try {
      const res = await fetch('/api/staff/test-set', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: text,
      });
      const body = await res.json();
      if (!res.ok) {
        status.textContent = body.error?.message ?? `The test set could not run (${res.status}).`;
        return;
      }
      status.textContent = `Done: ${body.passed} of ${body.total} passed (${pct(body.accuracy)}).`;
      renderReport(body);
    } catch {
      status.textContent = 'The test set could not run.';
    } finally {
      button.disabled = false;
    }
  });

  function renderReport(report) {
    const summary = $('testset-summary');
    summary.textContent = '';
    const table = el('table');
    table.id = 'testset-styles';
    const caption = el('caption', 'Accuracy per style');
    const head = el('tr');
    for (const h of ['Style', 'Passed', 'Accuracy']) {
      const th = el('th', h);
      th.scope = 'col';
      head.append(th);
    }
    const thead = el('thead');
    thead.append(head);
    const tbody = el('tbody');
    for (const [style, s] of Object.entries(report.byStyle)) {
      const tr = el('tr');
      tr.append(el('td', style), el('td', `${s.passed} / ${s.total}`), el('td', pct(s.accuracy)));
      tbody.append(tr);
    }
    table.append(caption, thead, tbody);
    summary.append(table);

    const results = $('testset-results');
    const body = results.querySelector('tbody');
    body.textContent = '';
    for (const r of report.results) {
      const tr = el('tr');
      tr.append(
        el('td', r.pass ? 'pass' : 'fail', r.pass ? 'pass' : 'fail'),
        el('td', r.style),
        el('td', r.q),
        el('td', r.expect),
        el('td', r.topic ?? r.outcome),
        el('td', pct(r.score)),
      );
      body.append(tr);
    }
    results.hidden = false;
  }

  // ---- Requests -----------------------------------------------------------------
  const statusOptions = () => $('status-options').content.cloneNode(true);

  async function loadRequests() {
    const status = $('requests-status');
    status.textContent = 'Loading…';
    try {
      const res = await fetch('/api/requests?limit=50', { credentials: 'same-origin' });
      if (!res.ok) {
        status.textContent = `Requests could not be loaded (${res.status}).`;
        return;
      }
      const body = await res.json();
      const list = Array.isArray(body) ? body : body.requests || [];
      renderRequests(list);
      status.textContent = list.length ? `${list.length} recent requests.` : 'No requests yet.';
    } catch {
      status.textContent = 'Requests could not be loaded.';
    }
  }

  /** The description, and a link to the resident's photo when there is one. */
  function describe(r) {
    const cell = el('td', r.description ?? '');
    if (typeof r.mediaUrl === 'string' && /^https?:\/\//.test(r.mediaUrl)) {
      const link = el('a', 'Photo');
      link.href = r.mediaUrl;
      link.target = '_blank';
      link.rel = 'noopener';
      cell.append(' ', link);
    }
    return cell;
  }

  function renderRequests(list) {
    const table = $('requests-table');
    const body = table.querySelector('tbody');
    body.textContent = '';
    for (const r of list) {
      const tr = el('tr');
      tr.dataset.id = r.id;
      const place =
        r.location?.address ?? (r.location?.lat !== undefined ? `${r.location.lat}, ${r.location.long}` : '');
      const statusCell = el('td', r.status, 'request-status');
      tr.append(
        el('td', r.id),
        el('td', r.serviceName ?? r.serviceCode),
        statusCell,
        el('td', place),
        // "Council 5, Police 6, Sanitation 3B" when the geocoder placed the address.
        el('td', r.district ?? '', 'request-district'),
        describe(r),
        el('td', r.requestedAt ? new Date(r.requestedAt).toLocaleString() : ''),
      );
      const cell = el('td');
      const id = `status-${r.id}`;
      const label = el('label', `New status for ${r.id}`, 'visually-hidden');
      label.htmlFor = id;
      const select = el('select');
      select.id = id;
      select.append(statusOptions());
      select.value = r.status;
      const noteId = `note-${r.id}`;
      const noteLabel = el('label', `Note for ${r.id} (shown to the resident)`, 'visually-hidden');
      noteLabel.htmlFor = noteId;
      const note = el('input');
      note.id = noteId;
      note.type = 'text';
      note.placeholder = 'Note (optional)';
      note.maxLength = 1000;
      const save = el('button', 'Update');
      save.type = 'button';
      save.addEventListener('click', async () => {
        save.disabled = true;
        const res = await fetch(`/api/requests/${encodeURIComponent(r.id)}`, {
          method: 'PATCH',
          headers: jsonHeaders,
          credentials: 'same-origin',
          body: JSON.stringify({
            status: select.value,
            ...(note.value.trim() ? { note: note.value.trim() } : {}),
          }),
        });
        save.disabled = false;
        const body = await res.json().catch(() => ({}));
        if (res.ok) {
          statusCell.textContent = (body.request ?? body).status ?? select.value;
          note.value = '';
          $('requests-status').textContent = `${r.id} is now ${select.value}; the resident was notified.`;
        } else {
          const reason = body.error?.message ?? `error ${res.status}`;
          $('requests-status').textContent = `${r.id} could not be updated: ${reason}`;
        }
      });
      cell.append(label, select, noteLabel, note, save);
      tr.append(cell);
      body.append(tr);
    }
    table.hidden = list.length === 0;
  }
  $('requests-refresh').addEventListener('click', loadRequests);

  // ---- Start ----------------------------------------------------------------------
  loadTopics()
    .catch(() => undefined)
    .then(() =>
      window.Chat311.start({ tokenUrl: '/api/staff/webchat/token', element: $('webchat'), onIncoming }),
    )
    .catch(() => {
      $('webchat').textContent = 'The test chat could not start. Reload the page to try again.';
    });
  loadRequests();
})();
