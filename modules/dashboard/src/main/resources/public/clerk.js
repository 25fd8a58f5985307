'use strict';
// The clerk's console. Every change is a POST with the session's CSRF token; all text goes in through textContent.
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const page = document.body.dataset.page;
  const meetingId = document.body.dataset.meeting;
  const {el} = window.Pulse;
  const state = {meeting: null, runningItem: null, items: new Map()};

  function say(text, failed) {
    const message = document.getElementById('message');
    message.textContent = text;
    message.classList.toggle('failed', !!failed);
  }

  async function post(url, body) {
    const response = await fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf},
      body: JSON.stringify(body), credentials: 'same-origin'});
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error || ('HTTP ' + response.status));
    return answer;
  }

  // ---- the home page: meetings, create, import ---------------------------------------------------------

  async function home() {
    const list = document.getElementById('meetings');
    const meetings = await (await fetch('/api/v1/meetings')).json();
    list.replaceChildren();
    if (meetings.length === 0) list.appendChild(el('li', {}, 'No meetings yet.'));
    meetings.forEach(view => {
      const li = el('li');
      li.appendChild(el('a', {href: '/clerk/' + encodeURIComponent(view.meeting.meetingId)}, view.meeting.title + ' (' + view.meeting.meetingId + ')'));
      list.appendChild(li);
    });
    document.getElementById('create').addEventListener('submit', async e => {
      e.preventDefault();
      const items = document.getElementById('items').value.split('\n').map(line => line.trim()).filter(Boolean).map(line => {
        const parts = line.split('|').map(p => p.trim());
        return {itemId: parts[0].replace(/[^A-Za-z0-9._:-]/g, ''), number: parts[0], title: parts[1] || parts[0],
          restricted: (parts[2] || '').toLowerCase() === 'restricted'};
      });
      const meeting = {meetingId: document.getElementById('meetingId').value.trim(), title: document.getElementById('mtitle').value,
        body: document.getElementById('body').value, hashtags: document.getElementById('hashtags').value.split(/\s+/).filter(Boolean),
        scheduledStart: new Date(document.getElementById('start').value).toISOString(), timezone: 'Europe/London',
        broadcastDelaySeconds: Number(document.getElementById('delay').value || 0), items};
      try {
        const answer = await post('/api/v1/clerk/meetings', meeting);
        say('Published ' + answer.meetingId + '.');
        location.assign(answer.console);
      } catch (err) { say('Not published: ' + err.message, true); }
    });
    document.getElementById('import').addEventListener('submit', async e => {
      e.preventDefault();
      try {
        const answer = await post('/api/v1/clerk/meetings', JSON.parse(document.getElementById('json').value));
        say('Imported ' + answer.meetingId + '.');
        location.assign(answer.console);
      } catch (err) { say('Not imported: ' + err.message, true); }
    });
  }

  // ---- one meeting: run the agenda ---------------------------------------------------------------------

  /** The item running, as the server computed it with the timeline the counts follow. */
  function running() {
    return state.runningItem;
  }

  function label(itemId) {
    return window.Pulse.itemLabel(state.meeting, itemId);
  }

  async function agendaEvent(type, itemId, at) {
    try {
      const body = {type};
      if (itemId) body.itemId = itemId;
      if (at) body.at = at;
      await post('/api/v1/clerk/meetings/' + encodeURIComponent(meetingId) + '/events', body);
      say('Done: ' + type.toLowerCase().replace('_', ' ') + (itemId ? ' ' + label(itemId) : '') + '.');
    } catch (err) { say('Not done: ' + err.message, true); }
  }

  function renderMeeting() {
    if (!state.meeting) return;
    document.getElementById('title').textContent = state.meeting.title + ' · ' + (state.meeting.body || '');
    const current = running();
    document.getElementById('running').textContent = current ? label(current) : 'Not started.';
    const body = document.getElementById('agenda');
    body.replaceChildren();
    state.meeting.items.forEach(item => {
      const tr = el('tr', {class: item.itemId === current ? 'running' : '', 'data-item': item.itemId});
      tr.appendChild(el('th', {scope: 'row'}, item.number + '. ' + item.title + (item.restricted ? ' (exempt)' : '')));
      const s = state.items.get(item.itemId);
      tr.appendChild(el('td', {class: 'count'}, s ? s.count : 0));
      const start = el('td');
      const button = el('button', {type: 'button', 'aria-label': 'Start ' + item.number + '. ' + item.title}, 'Start');
      button.addEventListener('click', () => agendaEvent('ITEM_STARTED', item.itemId));
      start.appendChild(button);
      tr.appendChild(start);
      const correct = el('td');
      const form = el('form', {class: 'correct'});
      const input = el('input', {type: 'time', step: '1', 'aria-label': 'Actual start of ' + item.number + '. ' + item.title, required: ''});
      const submit = el('button', {type: 'submit'}, 'Correct');
      form.append(input, submit);
      form.addEventListener('submit', e => {
        e.preventDefault();
        const [h, m, sec] = input.value.split(':').map(Number);
        const at = new Date();
        at.setHours(h, m, sec || 0, 0);
        agendaEvent('CORRECTION', item.itemId, at.toISOString());
      });
      correct.appendChild(form);
      tr.appendChild(correct);
      body.appendChild(tr);
    });
    const list = document.getElementById('comments');
    list.replaceChildren();
    const quotes = [];
    state.items.forEach((s, itemId) => (s.quotes || []).forEach(q => quotes.push({q, itemId})));
    quotes.sort((a, b) => b.q.at.localeCompare(a.q.at)).slice(0, 15).forEach(({q, itemId}) => {
      const li = el('li', {'data-comment': q.id});
      li.appendChild(el('span', {class: 'quote-text'}, q.text));
      li.appendChild(el('span', {class: 'quote-meta'}, ' (' + label(itemId) + ') '));
      const hide = el('button', {type: 'button', 'aria-label': 'Hide this comment'}, 'Hide');
      hide.addEventListener('click', () => moderate(q.id, true));
      li.appendChild(hide);
      list.appendChild(li);
    });
  }

  async function moderate(commentId, hide) {
    try {
      await post('/api/v1/clerk/meetings/' + encodeURIComponent(meetingId) + '/moderation', {commentId, hide});
      say((hide ? 'Hidden: ' : 'Shown: ') + commentId + '.');
    } catch (err) { say('Not done: ' + err.message, true); }
  }

  function meeting() {
    document.getElementById('chair-link').href = '/meetings/' + encodeURIComponent(meetingId);
    document.getElementById('report-link').href = '/meetings/' + encodeURIComponent(meetingId) + '/report';
    document.querySelectorAll('[data-action]').forEach(button =>
      button.addEventListener('click', () => agendaEvent(button.dataset.action)));
    document.getElementById('next-item').addEventListener('click', () => {
      const items = state.meeting ? state.meeting.items : [];
      const current = running();
      const index = items.findIndex(i => i.itemId === current);
      const next = items[index + 1] || (index < 0 ? items[0] : null);
      if (next) agendaEvent('ITEM_STARTED', next.itemId); else say('There is no next item.', true);
    });
    document.getElementById('hide-by-id').addEventListener('submit', e => {
      e.preventDefault();
      moderate(document.getElementById('comment-id').value.trim(), true);
    });
    const apply = view => {
      state.meeting = view.meeting;
      state.runningItem = view.runningItem;
      state.items = new Map(view.items.map(s => [s.itemId, s]));
      renderMeeting();
    };
    window.Pulse.follow('/events?meeting=' + encodeURIComponent(meetingId), {
      snapshot: snapshot => {
        const view = snapshot.meetings.find(v => v.meetingId === meetingId);
        if (view) apply(view);
      },
      view: view => { if (view.meetingId === meetingId && view.meeting) apply(view); }
    }, stream => {
      // The server refuses the stream of a meeting it does not know (or when it is full); it is tried again.
      if (stream === 'refused' && !state.meeting) say('No meeting ' + meetingId + ' has been published yet (trying again shortly).', true);
    });
  }

  document.addEventListener('DOMContentLoaded', () => (page === 'home' ? home() : meeting()));
})();
