'use strict';
// What every page shares: building elements (text only ever through textContent), the names of the time
// outside the agenda, the item running by the clerk's events, and an item's label.
window.Pulse = (function () {
  const BUCKETS = {pre: 'Before the first item', recess: 'Recess', post: 'After the meeting'};

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** The item running after the clerk's events (in time order), a bucket, or null before anything. */
  function runningItem(agenda) {
    let current = null;
    let lastItem = null;
    agenda.slice().sort((a, b) => a.at.localeCompare(b.at)).forEach(e => {
      if (current === 'post') return;
      if (e.type === 'ITEM_STARTED' || e.type === 'CORRECTION') { current = e.itemId; lastItem = e.itemId; }
      else if (e.type === 'RECESS') current = 'recess';
      else if (e.type === 'RESUMED' && current === 'recess') current = lastItem || 'pre';
      else if (e.type === 'ADJOURNED') current = 'post';
    });
    return current;
  }

  function itemLabel(meeting, itemId) {
    if (BUCKETS[itemId]) return BUCKETS[itemId];
    const item = meeting && meeting.items.find(i => i.itemId === itemId);
    return item ? (item.number ? item.number + '. ' : '') + item.title : 'Item ' + itemId;
  }

  return {BUCKETS, el, runningItem, itemLabel};
})();
