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

  return {BUCKETS, el, itemLabel};
})();
