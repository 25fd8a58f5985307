'use strict';
// The clerk's console. Every change is a POST with the session's CSRF token; all text goes in through textContent.
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const page = document.body.dataset.page;
  const meetingId = document.body.dataset.meeting;
  const {el, t} = window.Pulse;
  const state = {meeting: null, runningItem: null, items: new Map()};

  /** Says it next to the control that caused it, announced to screen readers (role=alert). */
  function sayAt(where, text, failed) {
    const message = document.getElementById(where);
    message.textContent = text;
    message.classList.toggle('failed', !!failed);
  }

  /** A change, with the session's CSRF token; a refusal becomes an Error carrying the server's reason. */
  async function send(method, url, body) {
    const response = await fetch(url, {method, headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf},
      body: JSON.stringify(body), credentials: 'same-origin'});
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error || ('HTTP ' + response.status));
    return answer;
  }

  const post = (url, body) => send('POST', url, body);
  const put = (url, body) => send('PUT', url, body);

  /**
   * Items from lines "number | title | restricted", the last word in English or in the page's language (a Welsh
   * clerk writes "cyfyngedig", as the form says); the itemId is the number's letters and digits.
   */
  function itemsFrom(text) {
    const restricted = ['restricted', t('console.items.restricted').toLowerCase()];
    return text.split('\n').map(line => line.trim()).filter(Boolean).map(line => {
      const parts = line.split('|').map(p => p.trim());
      return {itemId: parts[0].replace(/[^A-Za-z0-9._:-]/g, ''), number: parts[0], title: parts[1] || parts[0],
        restricted: restricted.includes((parts[2] || '').toLowerCase())};
    });
  }

  // ---- the home page: meetings, create, import ---------------------------------------------------------

  /** The start typed, on the clock of the zone chosen for the meeting (not the browser's). */
  function scheduledStart() {
    const [date, clockTime] = document.getElementById('start').value.split('T');
    const [year, month, day] = date.split('-').map(Number);
    const [hour, minute] = clockTime.split(':').map(Number);
    return window.Pulse.instantOn({timezone: document.getElementById('zone').value.trim()}, year, month, day, hour, minute, 0).toISOString();
  }

  async function home() {
    const list = document.getElementById('meetings');
    const meetings = await (await fetch('/api/v1/meetings')).json();
    list.replaceChildren();
    if (meetings.length === 0) list.appendChild(el('li', {}, t('console.no.meetings')));
    meetings.forEach(view => {
      const li = el('li');
      li.appendChild(el('a', {href: '/clerk/' + encodeURIComponent(view.meeting.meetingId)}, view.meeting.title + ' (' + view.meeting.meetingId + ')'));
      list.appendChild(li);
    });
    document.getElementById('create').addEventListener('submit', async e => {
      e.preventDefault();
      const items = itemsFrom(document.getElementById('items').value);
      const meeting = {meetingId: document.getElementById('meetingId').value.trim(), title: document.getElementById('mtitle').value,
        body: document.getElementById('body').value, hashtags: document.getElementById('hashtags').value.split(/\s+/).filter(Boolean),
        scheduledStart: scheduledStart(), timezone: document.getElementById('zone').value.trim(),
        broadcastDelaySeconds: Number(document.getElementById('delay').value || 0), items};
      try {
        const answer = await post('/api/v1/clerk/meetings', meeting);
        sayAt('create-message', t('console.js.published', answer.meetingId));
        location.assign(answer.console);
      } catch (err) { sayAt('create-message', t('console.js.not.published', err.message), true); }
    });
    let previewed = null;
    document.getElementById('moderngov').addEventListener('submit', async e => {
      e.preventDefault();
      document.getElementById('mg-preview').hidden = true;
      try {
        const answer = await post('/api/v1/clerk/moderngov/preview', {url: document.getElementById('mg-url').value.trim(),
          meetingNumber: Number(document.getElementById('mg-number').value),
          hashtags: document.getElementById('mg-hashtags').value.split(/\s+/).filter(Boolean), timezone: document.getElementById('mg-zone').value.trim()});
        previewed = answer.meeting;
        document.getElementById('mg-summary').textContent = previewed.title + ' (' + previewed.meetingId + '), '
          + window.Pulse.dateTime(previewed, previewed.scheduledStart) + ', #' + previewed.hashtags.join(' #') + ': ' + t('console.js.items', previewed.items.length);
        const items = document.getElementById('mg-items');
        items.replaceChildren();
        previewed.items.forEach(i => items.appendChild(el('li', {}, (i.number ? i.number + ' ' : '') + i.title + (i.restricted ? ' ' + t('console.js.exempt') : ''))));
        document.getElementById('mg-preview').hidden = false;
        sayAt('moderngov-message', t('console.js.mg.read'));
      } catch (err) { sayAt('moderngov-message', t('console.js.mg.not.read', err.message), true); }
    });
    document.getElementById('mg-publish').addEventListener('click', async () => {
      try {
        const answer = await post('/api/v1/clerk/meetings', previewed);
        sayAt('moderngov-message', t('console.js.published', answer.meetingId));
        location.assign(answer.console);
      } catch (err) { sayAt('moderngov-message', t('console.js.not.published', err.message), true); }
    });
    document.getElementById('import').addEventListener('submit', async e => {
      e.preventDefault();
      let meeting;
      try {
        meeting = JSON.parse(document.getElementById('json').value);
      } catch (err) {
        sayAt('import-message', t('console.js.not.json', err.message), true);
        return;
      }
      try {
        const answer = await post('/api/v1/clerk/meetings', meeting);
        sayAt('import-message', t('console.js.imported', answer.meetingId));
        location.assign(answer.console);
      } catch (err) { sayAt('import-message', t('console.js.not.imported', err.message), true); }
    });
  }

  // ---- one meeting: run the agenda ---------------------------------------------------------------------

  const PHASES = {SCHEDULED: t('console.phase.scheduled'), OPEN: t('console.phase.open'), IN_ITEM: t('console.phase.item'),
    RECESS: t('console.phase.recess'), ADJOURNED: t('console.phase.adjourned')};
  let itemsKey = null;

  function label(itemId) {
    return window.Pulse.itemLabel(state.meeting, itemId);
  }

  async function agendaEvent(type, itemId, at, where) {
    const place = where || 'message';
    try {
      const body = {type};
      if (itemId) body.itemId = itemId;
      if (at) body.at = at;
      await post('/api/v1/clerk/meetings/' + encodeURIComponent(meetingId) + '/events', body);
      sayAt(place, t('console.js.done.' + type, itemId ? label(itemId) : ''));
      return true;
    } catch (err) {
      sayAt(place, t('console.js.not.done', err.message), true);
      return false;
    }
  }

  /** The first time each item started, from the server's segments (what the counts follow). */
  function starts() {
    const first = new Map();
    (state.segments || []).forEach(s => { if (!first.has(s.itemId)) first.set(s.itemId, s.from); });
    return first;
  }

  function time(iso) {
    return window.Pulse.time(state.meeting, iso, true);
  }

  function renderPhase() {
    const phase = state.phase || {state: 'SCHEDULED', allowed: ['OPENED', 'ITEM_STARTED', 'CORRECTION']};
    const allowed = new Set(phase.allowed);
    document.getElementById('phase').textContent = PHASES[phase.state] || '';
    const current = state.runningItem;
    document.getElementById('running').textContent = current ? label(current) : t('console.not.started');
    document.querySelectorAll('.actions [data-action]').forEach(b => { b.disabled = !allowed.has(b.dataset.action); });
    const next = document.getElementById('next-item');
    next.disabled = !phase.nextItem || !allowed.has('ITEM_STARTED');
    next.textContent = phase.nextItem ? t('console.js.next', label(phase.nextItem)) : t('console.js.next.none');
    document.getElementById('adjourn').disabled = !allowed.has('ADJOURNED');
    document.getElementById('reopen').hidden = !allowed.has('REOPENED');
    if (!allowed.has('ADJOURNED')) document.getElementById('confirm-adjourn').hidden = true;
  }

  /** The agenda's rows are built once per agenda, then updated in place, so that a half-typed correction survives live updates. */
  function renderAgenda() {
    const key = JSON.stringify(state.meeting.items);
    const body = document.getElementById('agenda');
    if (key !== itemsKey) {
      itemsKey = key;
      body.replaceChildren();
      state.meeting.items.forEach(item => body.appendChild(agendaRow(item)));
    }
    const first = starts();
    const allowed = new Set((state.phase || {allowed: []}).allowed);
    state.meeting.items.forEach(item => {
      const tr = body.querySelector('tr[data-item="' + CSS.escape(item.itemId) + '"]');
      if (!tr) return;
      tr.classList.toggle('running', item.itemId === state.runningItem);
      const s = state.items.get(item.itemId);
      tr.querySelector('.count').textContent = s ? s.count : 0;
      tr.querySelector('.started').textContent = first.has(item.itemId) ? time(first.get(item.itemId)) : t('console.not.yet');
      tr.querySelector('button.start').disabled = !allowed.has('ITEM_STARTED') || item.itemId === state.runningItem;
    });
  }

  function agendaRow(item) {
    const name = item.number + '. ' + item.title;
    const tr = el('tr', {'data-item': item.itemId});
    tr.appendChild(el('th', {scope: 'row'}, name + (item.restricted && !/exempt/i.test(item.title) ? ' ' + t('console.js.exempt') : '')));
    tr.appendChild(el('td', {class: 'count'}, 0));
    tr.appendChild(el('td', {class: 'started'}, ''));
    const start = el('td');
    const button = el('button', {type: 'button', class: 'start', 'aria-label': t('console.js.start.label', name)}, t('console.start'));
    button.addEventListener('click', () => agendaEvent('ITEM_STARTED', item.itemId, null, 'agenda-message'));
    start.appendChild(button);
    tr.appendChild(start);
    const correct = el('td');
    const form = el('form', {class: 'correct'});
    const input = el('input', {type: 'time', step: '1', 'aria-label': t('console.js.actual.start', name), required: ''});
    const preview = el('button', {type: 'button'}, t('console.preview.button'));
    const submit = el('button', {type: 'submit'}, t('console.correct.button'));
    const outcome = el('span', {class: 'preview', role: 'status'});
    form.append(input, preview, submit, outcome);
    // The time typed is on the meeting's clock, on the day the item started (else the meeting's day).
    const corrected = () => {
      const [h, m, sec] = input.value.split(':').map(Number);
      const day = window.Pulse.fieldsIn(window.Pulse.zoneOf(state.meeting),
        Date.parse(starts().get(item.itemId) || state.meeting.scheduledStart));
      return window.Pulse.instantOn(state.meeting, day.year, day.month, day.day, h, m, sec || 0).toISOString();
    };
    preview.addEventListener('click', async () => {
      if (!input.value) { outcome.textContent = t('console.type.time'); return; }
      try {
        const response = await fetch('/api/v1/clerk/meetings/' + encodeURIComponent(meetingId) + '/preview?itemId=' + encodeURIComponent(item.itemId)
          + '&at=' + encodeURIComponent(corrected()), {credentials: 'same-origin'});
        const answer = await response.json();
        if (!response.ok) throw new Error(answer.error || ('HTTP ' + response.status));
        outcome.textContent = answer.moves.length === 0 ? t('console.no.move')
          : t('console.js.would.move', answer.moves.map(m => t('console.js.move', m.comments, label(m.from), label(m.to))).join('; '));
      } catch (err) { outcome.textContent = t('console.js.no.preview', err.message); }
    });
    form.addEventListener('submit', async e => {
      e.preventDefault();
      if (await agendaEvent('CORRECTION', item.itemId, corrected(), 'agenda-message')) { input.value = ''; outcome.textContent = ''; }
    });
    correct.appendChild(form);
    tr.appendChild(correct);
    return tr;
  }

  function renderMeeting() {
    if (!state.meeting) return;
    document.getElementById('title').textContent = state.meeting.title + ' · ' + (state.meeting.body || '');
    renderPhase();
    renderAgenda();
    fillEdit();
  }

  // ---- comments: find, hide, show ---------------------------------------------------------------------

  let commentPage = 1;

  async function loadComments() {
    const query = document.getElementById('comment-query').value.trim();
    try {
      const queue = document.getElementById('queue-only').checked;
      const response = await fetch('/api/v1/clerk/meetings/' + encodeURIComponent(meetingId) + '/comments?page=' + commentPage
        + '&q=' + encodeURIComponent(query) + (queue ? '&queue=true' : ''), {credentials: 'same-origin'});
      const answer = await response.json();
      if (!response.ok) throw new Error(answer.error || ('HTTP ' + response.status));
      const list = document.getElementById('comments');
      list.replaceChildren();
      if (answer.comments.length === 0) list.appendChild(el('li', {}, query ? t('console.no.match') : queue ? t('console.nothing.waits') : t('console.no.comments')));
      answer.comments.forEach(c => {
        const li = el('li', {'data-comment': c.id, class: c.hidden ? 'hidden-comment' : ''});
        li.appendChild(el('span', {class: 'quote-text'}, c.text || ''));
        const burst = (answer.bursts || {})[c.id];
        li.appendChild(el('span', {class: 'quote-meta'}, ' (' + (c.itemId ? label(c.itemId) : t('console.js.not.counted')) + ', ' + time(c.at)
          + (c.flags.length ? ', ' + c.flags.join(' ') : '') + (burst ? ', ' + t('console.js.burst', burst) : '') + ', ' + t('console.js.id', c.id) + ') '));
        const shortText = (c.text || c.id).slice(0, 40);
        const action = (action, text, label) => {
          const button = el('button', {type: 'button', 'aria-label': label + ': ' + shortText}, text);
          button.addEventListener('click', () => moderate(c.id, action));
          li.appendChild(button);
        };
        action(c.hidden ? 'SHOW' : 'HIDE', c.hidden ? t('console.show') : t('console.hide'), c.hidden ? t('console.show') : t('console.hide'));
        if (c.flags.includes('cleared')) action('FLAG', t('console.flag'), t('console.flag'));
        else if (c.flags.some(f => f === 'profanity' || f === 'abuse')) action('CLEAR', t('console.clear'), t('console.js.clear.label'));
        list.appendChild(li);
      });
      const pages = document.getElementById('comment-pages');
      pages.replaceChildren();
      if (answer.pages > 1) {
        const go = (n, text) => { const b = el('button', {type: 'button'}, text); b.addEventListener('click', () => { commentPage = n; loadComments(); }); return b; };
        if (answer.page > 1) pages.appendChild(go(answer.page - 1, t('console.newer')));
        pages.appendChild(el('span', {}, ' ' + t('console.js.page', answer.page, answer.pages, answer.total) + ' '));
        if (answer.page < answer.pages) pages.appendChild(go(answer.page + 1, t('console.older')));
      }
    } catch (err) { sayAt('comments-message', t('console.js.not.listed', err.message), true); }
  }

  
  async function moderate(commentId, action) {
    try {
      await post('/api/v1/clerk/meetings/' + encodeURIComponent(meetingId) + '/moderation', {commentId, action});
      sayAt('comments-message', t('console.js.moderated.' + action, commentId));
      setTimeout(loadComments, 1500);
    } catch (err) { sayAt('comments-message', t('console.js.not.done', err.message), true); }
  }

  // ---- edit the meeting -------------------------------------------------------------------------------

  let editFilled = false;

  function fillEdit() {
    if (editFilled) return;
    editFilled = true;
    document.getElementById('etitle').value = state.meeting.title;
    document.getElementById('ebody').value = state.meeting.body || '';
    document.getElementById('ehashtags').value = state.meeting.hashtags.join(' ');
    document.getElementById('eitems').value = state.meeting.items.map(i => i.number + ' | ' + i.title + (i.restricted ? ' | ' + t('console.items.restricted') : '')).join('\n');
  }

  const SOURCE_NAMES = {mastodon: 'Mastodon', bluesky: 'Bluesky', x: 'X'};
  const unmatched = new Map();

  /** "Now" for the clerk: posts whose own time lies in these last hours (the summary keeps a day, hour by hour). */
  const RECENT_HOURS = 3;

  function recent(u) {
    const since = Date.now() - RECENT_HOURS * 3600 * 1000;
    return (u.perHour || []).filter(h => Date.parse(h.hour) + 3600 * 1000 > since).reduce((sum, h) => sum + h.count, 0);
  }

  /** Posts with the meeting's hashtags that no window held: a wrong hashtag, or a start time set wrong. */
  function renderMissed() {
    const list = document.getElementById('missed');
    const tags = (state.meeting ? state.meeting.hashtags : []).filter(tag => (unmatched.get(tag) || {count: 0}).count > 0);
    list.replaceChildren();
    if (tags.length === 0) {
      list.appendChild(el('li', {}, t('console.none.so.far')));
      return;
    }
    tags.forEach(tag => {
      const u = unmatched.get(tag);
      list.appendChild(el('li', {class: 'missed'}, '#' + tag + ': ' + t(u.count === 1 ? 'console.js.missed.one' : 'console.js.missed', u.count)
        + (u.reposts ? ' ' + t('console.js.missed.reposts', u.reposts) : '') + ' ' + t('console.js.missed.hint')
        + ' ' + t('console.js.missed.recent', recent(u), RECENT_HOURS)));
    });
  }

  /** The followers of this meeting's hashtags: connected or not, posts so far, the last post's time. */
  async function loadSources() {
    const list = document.getElementById('sources');
    try {
      const response = await fetch('/api/v1/clerk/meetings/' + encodeURIComponent(meetingId) + '/sources');
      if (!response.ok) throw new Error((await response.json()).error || response.statusText);
      const answer = await response.json();
      list.replaceChildren();
      const line = text => { const li = document.createElement('li'); li.textContent = text; list.appendChild(li); };
      if (!answer.followed) line(t('console.js.sources.off'));
      else if (answer.sources.length === 0) line(t('console.js.sources.none'));
      answer.sources.forEach(s => line((SOURCE_NAMES[s.source] || s.source) + ' ' + s.server + ' #' + s.hashtag + ': '
        + (s.connected ? t('console.js.connected') : t('console.js.not.connected') + (s.problem ? ' (' + s.problem + ')' : '')) + ', '
        + t('console.js.posts', s.published) + (s.lastPostAt ? ', ' + t('console.js.last.at', time(s.lastPostAt)) : '')));
    } catch (err) {
      list.replaceChildren();
      const li = document.createElement('li');
      li.textContent = t('console.js.sources.failed', err.message);
      list.appendChild(li);
    }
  }

  function meeting() {
    document.getElementById('chair-link').href = '/meetings/' + encodeURIComponent(meetingId);
    document.getElementById('report-link').href = '/meetings/' + encodeURIComponent(meetingId) + '/report';
    document.querySelectorAll('[data-action]').forEach(button =>
      button.addEventListener('click', async () => {
        await agendaEvent(button.dataset.action);
        if (button.dataset.action === 'ADJOURNED') document.getElementById('confirm-adjourn').hidden = true;
      }));
    document.getElementById('adjourn').addEventListener('click', () => {
      document.getElementById('confirm-adjourn').hidden = false;
      document.querySelector('#confirm-adjourn [data-action=ADJOURNED]').focus();
    });
    document.getElementById('cancel-adjourn').addEventListener('click', () => {
      document.getElementById('confirm-adjourn').hidden = true;
      document.getElementById('adjourn').focus();
    });
    document.getElementById('next-item').addEventListener('click', () => {
      const next = state.phase && state.phase.nextItem;
      if (next) agendaEvent('ITEM_STARTED', next); else sayAt('message', t('console.no.next'), true);
    });
    document.getElementById('comment-search').addEventListener('submit', e => { e.preventDefault(); commentPage = 1; loadComments(); });
    document.getElementById('queue-only').addEventListener('change', () => { commentPage = 1; loadComments(); });
    document.getElementById('edit').addEventListener('submit', async e => {
      e.preventDefault();
      const edited = Object.assign({}, state.meeting, {
        title: document.getElementById('etitle').value, body: document.getElementById('ebody').value,
        hashtags: document.getElementById('ehashtags').value.split(/\s+/).filter(Boolean),
        items: itemsFrom(document.getElementById('eitems').value)});
      try {
        await put('/api/v1/clerk/meetings/' + encodeURIComponent(meetingId), edited);
        sayAt('edit-message', t('console.saved'));
      } catch (err) { sayAt('edit-message', t('console.js.not.saved', err.message), true); }
    });
    const apply = view => {
      state.meeting = view.meeting;
      state.runningItem = view.runningItem;
      state.phase = view.phase;
      state.segments = view.segments;
      state.items = new Map(view.items.map(s => [s.itemId, s]));
      renderMeeting();
    };
    let listed = false;
    window.Pulse.follow('/events?meeting=' + encodeURIComponent(meetingId), {
      snapshot: snapshot => {
        (snapshot.unmatched || []).forEach(u => unmatched.set(u.hashtag, u));
        const view = snapshot.meetings.find(v => v.meetingId === meetingId);
        if (view) apply(view);
        renderMissed();
        if (!listed) { listed = true; loadComments(); loadSources(); setInterval(loadSources, 10000); }
      },
      view: view => { if (view.meetingId === meetingId && view.meeting) { apply(view); renderMissed(); } },
      unmatched: u => { unmatched.set(u.hashtag, u); renderMissed(); }
    }, stream => {
      // The server refuses the stream of a meeting it does not know (or when it is full); it is tried again.
      if (stream === 'refused' && !state.meeting) sayAt('message', t('console.js.no.meeting.yet', meetingId), true);
    });
  }

  document.addEventListener('DOMContentLoaded', () => (page === 'home' ? home() : meeting()));
})();
