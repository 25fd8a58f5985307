'use strict';
// The chair's view of one meeting, live. All text goes into the page through textContent, never as HTML.
(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const {el, t} = window.Pulse;
  const ANNOUNCE_EVERY_MS = 15000;
  const meetingId = document.body.dataset.meeting;
  const state = {meeting: null, runningItem: null, items: new Map(), alerts: []};
  let lastAnnounced = 0;
  let pendingAnnouncement = null;

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  }

  function time(iso) {
    return window.Pulse.time(state.meeting, iso);
  }

  /** The item running, as the server computed it with the timeline the counts follow. */
  function runningItem() {
    return state.runningItem;
  }

  function label(itemId) {
    return window.Pulse.itemLabel(state.meeting, itemId);
  }

  function order() {
    const ids = [];
    if (state.items.has('pre')) ids.push('pre');
    (state.meeting ? state.meeting.items : []).forEach(i => ids.push(i.itemId));
    ['recess', 'post'].forEach(b => { if (state.items.has(b)) ids.push(b); });
    state.items.forEach((_, id) => { if (!ids.includes(id)) ids.push(id); });
    return ids;
  }

  function percent(part, whole) {
    return whole === 0 ? 0 : Math.round(100 * part / whole);
  }

  function sentimentBar(s) {
    const sentiment = s ? s.sentiment : {positive: 0, neutral: 0, negative: 0, unscored: 0, mean: null};
    const total = sentiment.positive + sentiment.neutral + sentiment.negative + sentiment.unscored;
    const parts = [['positive', sentiment.positive, t('label.positive')], ['neutral', sentiment.neutral, t('label.neutral')],
      ['negative', sentiment.negative, t('label.negative')], ['unscored', sentiment.unscored, t('label.unscored')]];
    const text = total === 0 ? t('chair.sentiment.none')
      : parts.map(([, n, name]) => percent(n, total) + '% ' + name).join(', ') + '.';
    const wrap = el('div', {class: 'sentiment'});
    const bar = el('div', {class: 'bar', role: 'img', 'aria-label': t('chair.sentiment', text)});
    parts.forEach(([cls, n]) => {
      if (n > 0) {
        const segment = el('span', {class: 'seg ' + cls});
        segment.style.width = percent(n, total) + '%'; // through the CSSOM: the CSP allows no inline style attribute
        bar.appendChild(segment);
      }
    });
    wrap.appendChild(bar);
    wrap.appendChild(el('p', {class: 'bar-text'}, text));
    return wrap;
  }

  const openTables = new Set();

  function volumeChart(s, itemLabel) {
    const minutes = s ? s.perMinute : [];
    const figure = el('figure', {class: 'volume'});
    if (minutes.length === 0) {
      figure.appendChild(el('figcaption', {}, t('chair.minutes.none')));
      return figure;
    }
    const peak = minutes.reduce((a, b) => (b.count > a.count ? b : a));
    const description = t('chair.minutes.label', itemLabel, minutes.length, time(minutes[0].minute), time(minutes[minutes.length - 1].minute),
      peak.count, time(peak.minute));
    const width = 300;
    const height = 60;
    const chart = svg('svg', {viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': description, focusable: 'false'});
    const title = svg('title');
    title.textContent = description;
    chart.appendChild(title);
    const step = width / minutes.length;
    minutes.forEach((m, i) => {
      const h = Math.max(1, Math.round((height - 2) * m.count / peak.count));
      chart.appendChild(svg('rect', {x: (i * step).toFixed(1), y: height - h, width: Math.max(1, step - 1).toFixed(1), height: h, class: 'vbar'}));
    });
    figure.appendChild(chart);
    const details = el('details');
    // Live updates redraw the card: a table the chair opened stays open.
    const key = s.itemId;
    if (openTables.has(key)) details.open = true;
    details.addEventListener('toggle', () => { if (details.open) openTables.add(key); else openTables.delete(key); });
    details.appendChild(el('summary', {}, t('chair.minutes.table')));
    const table = el('table', {class: 'minutes'});
    const head = el('tr');
    head.appendChild(el('th', {scope: 'col'}, t('col.minute')));
    head.appendChild(el('th', {scope: 'col'}, t('col.comments')));
    table.appendChild(head);
    minutes.forEach(m => {
      const tr = el('tr');
      tr.appendChild(el('td', {}, time(m.minute)));
      tr.appendChild(el('td', {}, m.count));
      table.appendChild(tr);
    });
    details.appendChild(table);
    figure.appendChild(details);
    return figure;
  }

  function termList(title, terms) {
    const wrap = el('div', {class: 'terms'});
    wrap.appendChild(el('h4', {}, title));
    if (!terms || terms.length === 0) {
      wrap.appendChild(el('p', {class: 'none'}, t('chair.none')));
      return wrap;
    }
    const list = el('ol');
    terms.slice(0, 5).forEach(term => list.appendChild(el('li', {}, term.text + ' (' + term.count + ')')));
    wrap.appendChild(list);
    return wrap;
  }

  function card(itemId, running) {
    const s = state.items.get(itemId);
    const item = state.meeting && state.meeting.items.find(i => i.itemId === itemId);
    const restricted = (s && s.restricted) || (item && item.restricted);
    const article = el('article', {class: 'card' + (itemId === running ? ' running' : ''), 'data-item': itemId,
      'aria-current': itemId === running ? 'true' : 'false', 'aria-labelledby': 'card-' + itemId});
    const heading = el('h3', {id: 'card-' + itemId}, label(itemId));
    if (itemId === running) heading.appendChild(el('span', {class: 'badge now-badge'}, t('chair.badge.now')));
    if (restricted) heading.appendChild(el('span', {class: 'badge'}, t('chair.badge.exempt')));
    article.appendChild(heading);
    const stats = el('dl', {class: 'stats'});
    [[t('col.comments'), s ? s.count : 0, 'count'], [t('col.people'), s ? s.uniqueAuthors : 0, 'authors'], [t('col.reposts'), s ? s.reposts : 0, 'reposts'],
      [t('col.flagged'), s ? s.flagged : 0, 'flagged']].forEach(([name, value, cls]) => {
      const div = el('div', {class: cls});
      div.appendChild(el('dt', {}, name));
      div.appendChild(el('dd', {}, value));
      stats.appendChild(div);
    });
    article.appendChild(stats);
    article.appendChild(sentimentBar(s));
    article.appendChild(volumeChart(s, label(itemId)));
    if (!restricted) {
      const words = el('div', {class: 'words'});
      words.appendChild(termList(t('chair.hashtags'), s && s.topHashtags));
      words.appendChild(termList(t('chair.words'), s && s.topTerms));
      article.appendChild(words);
    }
    return article;
  }

  function renderAlerts() {
    const box = document.getElementById('alerts');
    box.replaceChildren();
    state.alerts.slice(-3).reverse().forEach(a => {
      const p = el('p', {class: 'alert ' + a.kind.toLowerCase()});
      p.appendChild(el('strong', {}, t('chair.alert.at', a.kind === 'SURGE' ? t('chair.alert.surge') : t('chair.alert.swing'), time(a.at))));
      p.appendChild(document.createTextNode(a.message));
      box.appendChild(p);
    });
  }

  function renderQuotes() {
    const list = document.getElementById('quotes');
    list.replaceChildren();
    const quotes = [];
    state.items.forEach((s, itemId) => (s.quotes || []).forEach(q => quotes.push({q, itemId})));
    quotes.sort((a, b) => b.q.at.localeCompare(a.q.at));
    if (quotes.length === 0) {
      list.appendChild(el('li', {class: 'none'}, t('chair.quotes.none')));
      return;
    }
    quotes.slice(0, 12).forEach(({q, itemId}) => {
      const li = el('li', {class: 'quote ' + q.label, 'data-comment': q.id});
      li.appendChild(el('p', {class: 'quote-text'}, q.text));
      li.appendChild(el('p', {class: 'quote-meta'}, time(q.at) + ' · ' + label(itemId) + ' · ' + t('label.' + q.label)));
      list.appendChild(li);
    });
  }

  function render() {
    if (!state.meeting) {
      document.getElementById('title').textContent = t('chair.none.meeting', meetingId);
      return;
    }
    const m = state.meeting;
    document.title = 'ChamberPulse: ' + m.title;
    document.getElementById('title').textContent = m.title + ' · ' + (m.body || '');
    document.getElementById('meta').textContent = '#' + m.hashtags.join(' #') + ' · ' + window.Pulse.dateTime(m, m.scheduledStart);
    const running = runningItem();
    const total = [...state.items.values()].reduce((sum, s) => sum + s.count, 0);
    document.getElementById('now').textContent = running ? label(running) : t('chair.not.started');
    document.getElementById('totals').textContent = t('chair.totals', total);
    const items = document.getElementById('items');
    items.querySelectorAll('article').forEach(a => a.remove());
    order().forEach(id => items.appendChild(card(id, running)));
    renderAlerts();
    renderQuotes();
    queueAnnouncement(running, total);
  }

  function announce(text) {
    document.getElementById('announcer').textContent = text;
    lastAnnounced = Date.now();
  }

  /** At most one announcement every 15 seconds, so a screen reader is not flooded. */
  function queueAnnouncement(running, total) {
    const s = running && state.items.get(running);
    pendingAnnouncement = (running ? t('chair.announce.now', label(running)) : '') + (s ? t('chair.announce.item', s.count) : '') + t('chair.announce.total', total);
    const wait = ANNOUNCE_EVERY_MS - (Date.now() - lastAnnounced);
    if (wait <= 0) {
      announce(pendingAnnouncement);
      pendingAnnouncement = null;
    } else if (!queueAnnouncement.timer) {
      queueAnnouncement.timer = setTimeout(() => {
        queueAnnouncement.timer = null;
        if (pendingAnnouncement) { announce(pendingAnnouncement); pendingAnnouncement = null; }
      }, wait);
    }
  }

  let scheduled = false;
  function renderSoon() {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(() => { scheduled = false; render(); });
    }
  }

  /** A new view of the meeting replaces what the page knew; alerts that are new to it are announced. */
  function apply(view, announceNew) {
    const known = new Set(state.alerts.map(a => a.at + a.kind + a.itemId));
    state.meeting = view.meeting;
    state.runningItem = view.runningItem;
    state.items = new Map(view.items.map(s => [s.itemId, s]));
    state.alerts = view.alerts || [];
    const fresh = state.alerts.filter(a => !known.has(a.at + a.kind + a.itemId));
    if (announceNew && fresh.length > 0 && Date.now() - lastAnnounced > ANNOUNCE_EVERY_MS) announce(fresh[fresh.length - 1].message);
  }

  function applySnapshot(snapshot) {
    const view = snapshot.meetings.find(v => v.meetingId === meetingId);
    if (view) apply(view, false);
    render();
  }

  function connect() {
    const status = document.getElementById('status');
    window.Pulse.follow('/events?meeting=' + encodeURIComponent(meetingId), {
      snapshot: applySnapshot,
      view: view => {
        if (view.meetingId !== meetingId || !view.meeting) return;
        apply(view, true);
        renderSoon();
      }
    }, state => {
      status.textContent = window.Pulse.STATUS[state];
      document.body.classList.toggle('stale', state !== 'live');
    });
  }

  function largeType() {
    const button = document.getElementById('large-type');
    const apply = on => {
      document.body.classList.toggle('large', on);
      document.documentElement.classList.toggle('large', on);
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
      try { localStorage.setItem('chamberpulse.large', on ? '1' : '0'); } catch (e) { /* private mode */ }
    };
    let saved = false;
    try { saved = localStorage.getItem('chamberpulse.large') === '1'; } catch (e) { /* private mode */ }
    apply(saved || new URLSearchParams(location.search).get('large') === '1');
    button.addEventListener('click', () => apply(!document.body.classList.contains('large')));
  }

  document.addEventListener('DOMContentLoaded', () => { largeType(); connect(); });
})();
