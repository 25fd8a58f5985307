'use strict';
// The live list of meetings, a page at a time, newest first: built from the snapshot, then each meeting's
// view replaced as the server sends it. All text goes in through textContent, never as HTML.
(function () {
  const meetings = new Map();   // meetingId -> {meeting, runningItem, items: Map(itemId -> summary)}
  const {el} = window.Pulse;
  const page = Number(document.body.dataset.page || 1);
  let pages = 1;

  function apply(view) {
    if (!view.meeting) { meetings.delete(view.meetingId); return; }
    meetings.set(view.meetingId, {meeting: view.meeting, runningItem: view.runningItem, items: new Map(view.items.map(s => [s.itemId, s]))});
  }

  function rows(m) {
    const order = [];
    if (m.items.has('pre')) order.push('pre');
    (m.meeting ? m.meeting.items : []).forEach(i => order.push(i.itemId));
    ['recess', 'post'].forEach(b => { if (m.items.has(b)) order.push(b); });
    m.items.forEach((_, id) => { if (!order.includes(id)) order.push(id); });
    return order;
  }

  function render() {
    const main = document.getElementById('meetings');
    main.replaceChildren();
    if (meetings.size === 0) {
      const empty = el('p', {class: 'empty', id: 'empty'}, window.Pulse.t('list.empty'));
      empty.appendChild(el('a', {href: '/clerk'}, window.Pulse.t('list.empty.link')));
      empty.appendChild(document.createTextNode('.'));
      main.appendChild(empty);
      return;
    }
    [...meetings.values()].filter(m => m.meeting)
      .sort((a, b) => b.meeting.scheduledStart.localeCompare(a.meeting.scheduledStart))
      .forEach(m => main.appendChild(meetingSection(m)));
    renderPages();
  }

  function renderPages() {
    const nav = document.getElementById('pages');
    nav.replaceChildren();
    if (pages <= 1) return;
    if (page > 1) nav.appendChild(el('a', {href: '/?page=' + (page - 1), rel: 'prev'}, window.Pulse.t('list.newer')));
    nav.appendChild(el('span', {class: 'page'}, ' ' + window.Pulse.t('list.page', page, pages) + ' '));
    if (page < pages) nav.appendChild(el('a', {href: '/?page=' + (page + 1), rel: 'next'}, window.Pulse.t('list.older')));
  }

  function meetingSection(m) {
    const id = m.meeting.meetingId;
    const section = el('section', {class: 'meeting', 'data-meeting': id, 'aria-labelledby': 'h-' + id});
    const heading = el('h2', {id: 'h-' + id});
    heading.appendChild(el('a', {href: '/meetings/' + encodeURIComponent(id)}, m.meeting.title + ' · ' + (m.meeting.body || '')));
    section.appendChild(heading);
    const running = m.runningItem;
    const total = [...m.items.values()].reduce((sum, s) => sum + s.count, 0);
    section.appendChild(el('p', {class: 'meta'},
      '#' + m.meeting.hashtags.join(' #') + ' · ' + window.Pulse.dateTime(m.meeting, m.meeting.scheduledStart) +
      ' · ' + window.Pulse.t('list.comments', total) + (running ? ' · ' + window.Pulse.t('list.now', label(m, running)) : '')));
    const table = el('table', {class: 'items'});
    const head = el('tr');
    [window.Pulse.t('col.item'), window.Pulse.t('col.comments'), window.Pulse.t('col.people'), window.Pulse.t('col.reposts')].forEach(h => head.appendChild(el('th', {scope: 'col'}, h)));
    table.appendChild(el('thead')).appendChild(head);
    const body = el('tbody');
    rows(m).forEach(itemId => {
      const s = m.items.get(itemId);
      const tr = el('tr', {'data-item': itemId, class: itemId === running ? 'running' : ''});
      tr.appendChild(el('th', {scope: 'row'}, label(m, itemId)));
      tr.appendChild(el('td', {class: 'count'}, s ? s.count : 0));
      tr.appendChild(el('td', {class: 'authors'}, s ? s.uniqueAuthors : 0));
      tr.appendChild(el('td', {class: 'reposts'}, s ? s.reposts : 0));
      body.appendChild(tr);
    });
    table.appendChild(body);
    section.appendChild(table);
    const links = el('p', {class: 'links'});
    links.appendChild(el('a', {href: '/meetings/' + encodeURIComponent(id)}, window.Pulse.t('list.chair')));
    links.appendChild(document.createTextNode(' · '));
    links.appendChild(el('a', {href: '/clerk/' + encodeURIComponent(id)}, window.Pulse.t('list.console')));
    section.appendChild(links);
    return section;
  }

  function label(m, itemId) {
    return window.Pulse.itemLabel(m.meeting, itemId);
  }

  function applySnapshot(snapshot) {
    meetings.clear();
    pages = snapshot.pages;
    snapshot.meetings.forEach(apply);
    render();
  }

  let pending = false;
  function renderSoon() {
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => { pending = false; render(); });
    }
  }

  function connect() {
    const status = document.getElementById('status');
    window.Pulse.follow('/events?page=' + page, {
      snapshot: applySnapshot,
      view: view => {
        // Another page's meeting changes that page, not this one; a new meeting shows on the first page.
        if (meetings.has(view.meetingId) || (page === 1 && view.meeting)) { apply(view); renderSoon(); }
      }
    }, state => {
      status.textContent = window.Pulse.STATUS[state];
      document.body.classList.toggle('stale', state !== 'live');
    });
  }

  document.addEventListener('DOMContentLoaded', connect);
})();
