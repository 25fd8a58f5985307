'use strict';
// What every page shares: building elements (text only ever through textContent), the names of the time
// outside the agenda, and an item's label. The item running is the server's (each view's runningItem),
// computed once by the timeline the counts follow.
window.Pulse = (function () {
  // The page's words, in the language the server chose (one set of messages serves Java and the pages).
  const MESSAGES = JSON.parse((document.getElementById('messages') || {}).textContent || '{}');
  const LANGUAGE = (document.documentElement.lang || 'en').split('-')[0];
  const LOCALE = LANGUAGE === 'en' ? 'en-GB' : LANGUAGE + '-GB';

  function t(key, ...values) {
    let text = MESSAGES[key] || key;
    values.forEach((value, i) => { text = text.split('{' + i + '}').join(String(value)); });
    return text;
  }

  const BUCKETS = {pre: t('bucket.pre'), recess: t('bucket.recess'), post: t('bucket.post')};

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function itemLabel(meeting, itemId) {
    if (BUCKETS[itemId]) return BUCKETS[itemId];
    const item = meeting && meeting.items.find(i => i.itemId === itemId);
    return item ? (item.number ? item.number + '. ' : '') + item.title : t('item.unnamed', itemId);
  }

  // Follows a live stream, each event's data parsed as JSON. The browser reconnects by itself after a network
  // error, but not when the server refuses the stream (404: no such meeting yet; 429 or 503: too many viewers):
  // then it tries again after 5 s, doubling up to 60 s, with jitter, so that refused viewers do not return at once.
  function follow(url, handlers, onState) {
    let delay = 5000;
    const say = state => { if (onState) onState(state); };
    function open() {
      const source = new EventSource(url);
      source.addEventListener('open', () => { delay = 5000; say('live'); });
      source.addEventListener('error', () => {
        if (source.readyState !== EventSource.CLOSED) { say('reconnecting'); return; }
        source.close();
        say('refused');
        setTimeout(open, Math.min(60000, delay * (1 + Math.random())));
        delay = Math.min(60000, delay * 2);
      });
      Object.entries(handlers).forEach(([event, handle]) => source.addEventListener(event, e => handle(JSON.parse(e.data))));
    }
    open();
  }

  const STATUS = {live: t('status.live'), reconnecting: t('status.reconnecting'), refused: t('status.refused')};

  // Every time is shown on the meeting's own clock (its timezone), whatever the viewer's computer is set to,
  // and the zone is named where it differs from the viewer's: a chair abroad, or a laptop set to UTC.
  const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  function zoneOf(meeting) {
    return (meeting && meeting.timezone) || 'Europe/London';
  }

  function clock(meeting, fields) {
    const zone = zoneOf(meeting);
    const options = Object.assign({timeZone: zone}, fields);
    if (zone !== viewerZone) options.timeZoneName = 'short';
    return options;
  }

  /** A time of day on the meeting's clock: "14:05", or "14:05 GMT" for a viewer elsewhere. */
  function time(meeting, iso, seconds) {
    if (!iso) return '';
    return new Date(iso).toLocaleTimeString(LOCALE, clock(meeting, seconds ? {hour: '2-digit', minute: '2-digit', second: '2-digit'}
      : {hour: '2-digit', minute: '2-digit'}));
  }

  /** A date and time on the meeting's clock. */
  function dateTime(meeting, iso) {
    return new Date(iso).toLocaleString(LOCALE, clock(meeting, {weekday: 'short', day: 'numeric', month: 'short', year: 'numeric',
      hour: '2-digit', minute: '2-digit'}));
  }

  /** The wall-clock fields of an instant in a zone. */
  function fieldsIn(zone, ms) {
    const parts = new Intl.DateTimeFormat('en-GB', {timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit'}).formatToParts(new Date(ms));
    const get = type => Number(parts.find(p => p.type === type).value);
    return {year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second')};
  }

  /** The instant at which the meeting's clock shows this date and time (twice corrected for the zone's offset). */
  function instantOn(meeting, year, month, day, hour, minute, second) {
    const zone = zoneOf(meeting);
    const wall = Date.UTC(year, month - 1, day, hour, minute, second || 0);
    let guess = wall;
    for (let pass = 0; pass < 2; pass++) {
      const f = fieldsIn(zone, guess);
      guess = wall - (Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - guess);
    }
    return new Date(guess);
  }

  return {BUCKETS, STATUS, el, follow, itemLabel, time, dateTime, fieldsIn, instantOn, zoneOf, viewerZone, t, LOCALE};
})();
