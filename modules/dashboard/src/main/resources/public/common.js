'use strict';
// What every page shares: building elements (text only ever through textContent), the names of the time
// outside the agenda, and an item's label. The item running is the server's (each view's runningItem),
// computed once by the timeline the counts follow.
window.Pulse = (function () {
  const BUCKETS = {pre: 'Before the first item', recess: 'Recess', post: 'After the meeting'};

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function itemLabel(meeting, itemId) {
    if (BUCKETS[itemId]) return BUCKETS[itemId];
    const item = meeting && meeting.items.find(i => i.itemId === itemId);
    return item ? (item.number ? item.number + '. ' : '') + item.title : 'Item ' + itemId;
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

  const STATUS = {live: 'Live', reconnecting: 'Connection lost: reconnecting… The figures shown may be out of date.',
    refused: 'Not live: trying again shortly… The figures shown may be out of date.'};

  return {BUCKETS, STATUS, el, follow, itemLabel};
})();
