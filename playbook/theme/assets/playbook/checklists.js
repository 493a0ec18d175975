/* Onboarding checklists: a new hire ticks items off, and the ticks survive a reload.
 *
 * The task lists of a page (pymdownx.tasklist renders them disabled) become clickable. Ticks
 * are kept in this browser only (localStorage), one entry per page, keyed by a hash of each
 * item's text, so adding an item to the plan does not move existing ticks. A "Reset
 * checklist" button clears the page's ticks. Nothing is sent anywhere.
 */
(function () {
  "use strict";

  var STORAGE_PREFIX = "playbook-checklist:";
  var TOOLS_CLASS = "playbook-checklist-tools";

  function storageKey() {
    return STORAGE_PREFIX + window.location.pathname;
  }

  /* The page's ticks as {key: true}. Whatever else is stored (an array, a number, ticks
   * written by another version, text that is not JSON) counts as no ticks, so the next
   * tick starts a fresh record instead of being lost in it. */
  function loadTicks() {
    var ticks = {};
    try {
      var stored = JSON.parse(window.localStorage.getItem(storageKey()) || "{}");
      if (Object.prototype.toString.call(stored) === "[object Object]") {
        Object.keys(stored).forEach(function (key) {
          if (stored[key] === true) {
            ticks[key] = true;
          }
        });
      }
    } catch (error) {
      /* Not JSON, or storage is switched off: start fresh. */
    }
    return ticks;
  }

  function saveTicks(ticks) {
    try {
      if (Object.keys(ticks).length) {
        window.localStorage.setItem(storageKey(), JSON.stringify(ticks));
      } else {
        window.localStorage.removeItem(storageKey());
      }
    } catch (error) {
      /* Storage is full or disabled: the ticks last until the page is left. */
    }
  }

  /* FNV-1a: a short, stable key for an item's text. */
  function hashText(text) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(36);
  }

  function itemText(checkbox) {
    var item = checkbox.closest("li");
    var text = item.querySelector(".task-list-text") || item;
    return text.textContent.replace(/\s+/g, " ").trim();
  }

  function setUpChecklists() {
    var content = document.querySelector(".md-content") || document.body;
    var checkboxes = content.querySelectorAll(
      "li.task-list-item > label.task-list-control > input[type=checkbox]," +
        "li.task-list-item > p > label.task-list-control > input[type=checkbox]"
    );
    if (!checkboxes.length || content.querySelector("." + TOOLS_CLASS)) {
      return;
    }
    var ticks = loadTicks();
    var seen = {};
    var keyed = [];
    Array.prototype.forEach.call(checkboxes, function (checkbox) {
      var hash = hashText(itemText(checkbox));
      seen[hash] = (seen[hash] || 0) + 1;
      var key = hash + "-" + seen[hash];
      keyed.push({ checkbox: checkbox, key: key });
      checkbox.disabled = false;
      checkbox.checked = ticks[key] === true;
      checkbox.addEventListener("change", function () {
        var current = loadTicks();
        if (checkbox.checked) {
          current[key] = true;
        } else {
          delete current[key];
        }
        saveTicks(current);
      });
    });

    var tools = document.createElement("div");
    tools.className = TOOLS_CLASS;
    var note = document.createElement("span");
    note.textContent = "Tick items off as you go: your ticks are saved in this browser only.";
    var reset = document.createElement("button");
    reset.type = "button";
    reset.textContent = "Reset checklist";
    reset.addEventListener("click", function () {
      keyed.forEach(function (entry) {
        entry.checkbox.checked = false;
      });
      saveTicks({});
    });
    tools.appendChild(note);
    tools.appendChild(reset);
    var firstList = checkboxes[0].closest("ul, ol");
    firstList.parentNode.insertBefore(tools, firstList);
  }

  /* Material's document$ emits on the first load and after each instant navigation. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpChecklists);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpChecklists);
  } else {
    setUpChecklists();
  }
})();
