/**
 * DOM helpers shared by the staff pages (loaded before staff.js and
 * staff-liaisons.js). `el` sets text with textContent, never as HTML.
 */
window.StaffDom = Object.freeze({
  $: (id) => document.getElementById(id),
  el: (tag, text, className) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  },
});
