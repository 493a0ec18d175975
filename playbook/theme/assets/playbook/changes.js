/* "Changed since your last visit": the browser remembers when this reader last came.
 *
 * The time of the previous visit is kept in this browser only (localStorage); nothing is
 * sent anywhere. A visit starts with the first page opened in a tab: that page takes the
 * stored time as "the last visit" for the whole tab (sessionStorage) and stores now for
 * the next visit. Pages carry the time they changed (written at build time); the words
 * shown are in the page too (data-since-label, data-mark-label), so they can be
 * translated with the page.
 */
(function () {
  "use strict";

  var LAST_VISIT = "playbook-last-visit";
  var THIS_VISIT = "playbook-previous-visit";

  function previousVisit() {
    try {
      var previous = window.sessionStorage.getItem(THIS_VISIT);
      if (previous === null) {
        previous = window.localStorage.getItem(LAST_VISIT) || "";
        window.sessionStorage.setItem(THIS_VISIT, previous);
        window.localStorage.setItem(LAST_VISIT, new Date().toISOString());
      }
      var time = Date.parse(previous);
      return isNaN(time) ? null : time;
    } catch (error) {
      return null; /* storage disabled: no marks, and nothing breaks */
    }
  }

  function changedSince(stamp, since) {
    var time = Date.parse(stamp);
    return !isNaN(time) && time > since;
  }

  function withoutHash(url) {
    return url.split("#")[0];
  }

  function markThisPage(since) {
    var note = document.querySelector(".playbook-updated[data-changed]");
    if (!note || !changedSince(note.getAttribute("data-changed"), since)) {
      return;
    }
    var mark = document.createElement("strong");
    mark.className = "playbook-changed-mark";
    mark.textContent = note.getAttribute("data-since-label");
    note.insertBefore(document.createTextNode(" "), note.firstChild);
    note.insertBefore(mark, note.firstChild);
    note.classList.add("playbook-updated--changed");
  }

  function markLinks(since) {
    var data = document.getElementById("playbook-page-changes");
    if (!data) {
      return;
    }
    var times;
    try {
      times = JSON.parse(data.textContent);
    } catch (error) {
      return;
    }
    var changed = {};
    Object.keys(times).forEach(function (relative) {
      if (changedSince(times[relative], since)) {
        changed[withoutHash(new URL(relative, window.location.href).href)] = true;
      }
    });
    var label = data.getAttribute("data-mark-label");
    var links = document.querySelectorAll("article a[href]:not(.headerlink)");
    Array.prototype.forEach.call(links, function (link) {
      if (!(link instanceof HTMLAnchorElement)) {
        return; /* a diagram's link (SVG): its href is no string, and no mark fits its box */
      }
      if (link.closest("[hidden]")) {
        return; /* data for a script (the reading list's pages), not a link anyone sees */
      }
      var target = withoutHash(link.href);
      if (!changed[target] || link.querySelector(".playbook-changed-mark")) {
        return;
      }
      var mark = document.createElement("span");
      mark.className = "playbook-changed-mark";
      mark.textContent = label;
      link.appendChild(document.createTextNode(" "));
      link.appendChild(mark);
    });
  }

  function start() {
    var since = previousVisit();
    if (since === null) {
      return; /* a first visit: everything is new, nothing is marked */
    }
    markThisPage(since);
    markLinks(since);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
