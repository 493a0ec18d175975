/* Read and confirm, and the onboarding plan with dates.
 *
 * Read and confirm: a reader confirms "I have read this page" on their role page, the value
 * pages and the onboarding plan. The confirmation is kept in this browser only
 * (localStorage) with a fingerprint of the page's text; when the text changes, the page
 * asks again. On the home page the reader chooses their role once and sees which of their
 * pages need a (new) read. Nothing is sent anywhere, unless the profile names a place for
 * confirmations: then a prefilled message (mailto) or form address is offered, and the
 * reader sends it themselves.
 *
 * The onboarding plan: the reader enters their start date and sees each phase with its
 * date, and can download the plan as a calendar file (.ics) made in this browser.
 *
 * Every word shown comes from the page (data-words), so it is in the page's language.
 */
(function () {
  "use strict";

  var READ_PREFIX = "playbook-read:";
  var ROLE_KEY = "playbook-my-role";
  var SKIPPED = ".playbook-confirm, .playbook-updated, .playbook-review, .headerlink, " +
    ".playbook-checklist-tools, .playbook-reading, .playbook-start-plan, script, style";

  function words(element) {
    try {
      var parsed = JSON.parse(element.getAttribute("data-words") || "{}");
      return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {};
    } catch (error) {
      return {};
    }
  }

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  function load(key) {
    try {
      var stored = JSON.parse(window.localStorage.getItem(key) || "null");
      return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : null;
    } catch (error) {
      return null;
    }
  }

  function save(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      /* storage full or disabled: the confirmation lasts until the page is left */
    }
  }

  /* FNV-1a over the page's own text (whitespace folded): changes when the text does. */
  function fingerprint(article) {
    var copy = article.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(SKIPPED), function (node) {
      node.remove();
    });
    var text = (copy.textContent || "").replace(/\s+/g, " ").trim();
    var hash = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16);
  }

  function locale() {
    var marked = document.querySelector("[data-locale]");
    return (marked && marked.getAttribute("data-locale")) || document.documentElement.lang ||
      undefined;
  }

  function day(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) {
      return "";
    }
    var language = locale();
    try {
      return date.toLocaleDateString(language, { year: "numeric", month: "long", day: "numeric" });
    } catch (error) {
      return date.toISOString().slice(0, 10);
    }
  }

  function sendAddress(place, values) {
    if (/^mailto:/i.test(place)) {
      var separator = place.indexOf("?") === -1 ? "?" : "&";
      return place + separator + "subject=" + encodeURIComponent(values.subject) +
        "&body=" + encodeURIComponent(values.body);
    }
    if (/^https?:\/\//i.test(place)) {
      var url = new URL(place);
      url.searchParams.set("page", values.title);
      url.searchParams.set("address", values.address);
      url.searchParams.set("version", values.version);
      url.searchParams.set("read", values.read);
      return url.href;
    }
    return "";
  }

  function startConfirm(box) {
    var article = box.closest("article") || document.querySelector("article");
    if (!article) {
      return;
    }
    var text = words(box);
    var key = READ_PREFIX + box.getAttribute("data-page");
    var current = fingerprint(article);
    var state = box.querySelector(".playbook-confirm-state");
    var button = box.querySelector(".playbook-confirm-button");
    /* The send link is made only once there is an address: a link without one is no
       link (search engines and Lighthouse's SEO audit count it as one they cannot follow). */
    var send = null;
    var place = box.getAttribute("data-send") || "";

    function show() {
      var stored = load(key);
      if (!stored) {
        state.textContent = text.ask || "";
        button.textContent = text.confirm || "";
        button.hidden = false;
      } else if (stored.fingerprint !== current) {
        state.textContent = fill(text.changed, { date: day(stored.at) });
        button.textContent = text.again || text.confirm || "";
        button.hidden = false;
        box.classList.add("playbook-confirm--changed");
      } else {
        state.textContent = fill(text.confirmed, { date: day(stored.at) });
        button.hidden = true;
        box.classList.remove("playbook-confirm--changed");
        var address = place && sendAddress(place, {
          subject: fill(text.subject, { title: box.getAttribute("data-title") }),
          body: fill(text.body, {
            title: box.getAttribute("data-title"),
            address: window.location.href,
            version: current,
            date: day(stored.at)
          }),
          title: box.getAttribute("data-title"),
          address: window.location.href,
          version: current,
          read: stored.at
        });
        if (address) {
          if (!send) {
            send = document.createElement("a");
            send.className = "md-button playbook-confirm-send";
            box.appendChild(send);
          }
          send.href = address;
          send.textContent = text.send || "";
          send.hidden = false;
        }
      }
    }

    button.addEventListener("click", function () {
      save(key, { fingerprint: current, at: new Date().toISOString() });
      show();
      state.focus();
    });
    box.hidden = false;
    show();
  }

  function pageChanges() {
    var data = document.getElementById("playbook-page-changes");
    try {
      return data ? JSON.parse(data.textContent) : {};
    } catch (error) {
      return {};
    }
  }

  function startReadingList(box) {
    var pages = { roles: [], common: [] };
    var listed = document.querySelectorAll(".playbook-reading-pages li[data-key]");
    Array.prototype.forEach.call(listed, function (item) {
      var link = item.querySelector("a");
      var page = {
        key: item.getAttribute("data-key"),
        title: item.getAttribute("data-title"),
        href: link ? link.getAttribute("href") : ""
      };
      (item.getAttribute("data-group") === "role" ? pages.roles : pages.common).push(page);
    });
    if (!pages.roles.length) {
      return;
    }
    var text = words(box);
    var select = box.querySelector("select");
    var list = box.querySelector(".playbook-reading-list");
    var summary = box.querySelector(".playbook-reading-summary");
    var changes = pageChanges();
    pages.roles.forEach(function (role) {
      var option = document.createElement("option");
      option.value = role.key;
      option.textContent = role.title;
      select.appendChild(option);
    });

    function status(page) {
      var stored = load(READ_PREFIX + page.key);
      if (!stored) {
        return { todo: true, label: text.unread };
      }
      var changed = Date.parse(changes[page.href] || "");
      var read = Date.parse(stored.at);
      if (!isNaN(changed) && !isNaN(read) && changed > read) {
        return { todo: true, label: fill(text.changed, { date: day(stored.at) }) };
      }
      return { todo: false, label: fill(text.read, { date: day(stored.at) }) };
    }

    function show() {
      list.textContent = "";
      var chosen = pages.roles.filter(function (role) { return role.key === select.value; });
      if (!chosen.length) {
        summary.textContent = text.choose || "";
        return;
      }
      var mine = chosen.concat(pages.common);
      var todo = 0;
      mine.forEach(function (page) {
        var result = status(page);
        todo += result.todo ? 1 : 0;
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = page.href;
        link.textContent = page.title;
        item.appendChild(link);
        item.appendChild(document.createTextNode(" " + result.label));
        if (result.todo) {
          item.className = "playbook-reading-todo";
        }
        list.appendChild(item);
      });
      summary.textContent = todo ? fill(text.todo, { count: todo }) : (text.done || "");
    }

    var remembered = load(ROLE_KEY);
    if (remembered && typeof remembered.key === "string") {
      select.value = remembered.key;
    }
    select.addEventListener("change", function () {
      save(ROLE_KEY, { key: select.value });
      show();
    });
    box.hidden = false;
    show();
  }

  /* The onboarding plan with dates: phases whose ids say when ("day-30", "week-1",
     "before-day-1") get a date from the start date; the others keep their place only. */
  function phaseOffset(id) {
    var match = /^(before-)?(day|week|month)-(\d{1,3})$/.exec(id);
    if (!match || match[1]) {
      return null; /* "before day one" has no date of its own */
    }
    var number = parseInt(match[3], 10);
    var days = match[2] === "day" ? number - 1 : match[2] === "week" ? (number - 1) * 7 : null;
    if (match[2] === "month") {
      return { months: number };
    }
    return { days: days };
  }

  function addOffset(start, offset) {
    var date = new Date(start.getTime());
    if (offset.months) {
      date.setUTCMonth(date.getUTCMonth() + offset.months);
    } else {
      date.setUTCDate(date.getUTCDate() + offset.days);
    }
    return date;
  }

  function icsText(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r?\n/g, "\\n");
  }

  function icsDay(date) {
    return date.toISOString().slice(0, 10).replace(/-/g, "");
  }

  function startPlan(box) {
    var data;
    try {
      data = JSON.parse(box.getAttribute("data-phases") || "[]");
    } catch (error) {
      return;
    }
    if (!Array.isArray(data) || !data.length) {
      return;
    }
    var text = words(box);
    var input = box.querySelector("input[type=date]");
    var list = box.querySelector(".playbook-start-plan-list");
    var download = box.querySelector(".playbook-start-plan-download");
    var stored = load("playbook-start-date");
    if (stored && typeof stored.day === "string") {
      input.value = stored.day;
    }

    function show() {
      list.textContent = "";
      download.hidden = true;
      var start = new Date(input.value + "T00:00:00Z");
      if (!input.value || isNaN(start.getTime())) {
        return;
      }
      save("playbook-start-date", { day: input.value });
      var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//culture-playbook//onboarding//EN"];
      var stamp = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15) + "Z";
      data.forEach(function (phase, index) {
        var item = document.createElement("li");
        var offset = phaseOffset(phase.id);
        var link = document.createElement("a");
        link.href = "#phase-" + phase.id;
        link.textContent = phase.name;
        item.appendChild(link);
        if (offset) {
          var date = addOffset(start, offset);
          var label = date.toLocaleDateString(locale(), {
            weekday: "long", year: "numeric", month: "long", day: "numeric", timeZone: "UTC"
          });
          item.appendChild(document.createTextNode(": " + label));
          var next = new Date(date.getTime());
          next.setUTCDate(next.getUTCDate() + 1);
          lines.push("BEGIN:VEVENT", "UID:onboarding-" + index + "-" + icsDay(start) +
            "@playbook", "DTSTAMP:" + stamp, "DTSTART;VALUE=DATE:" + icsDay(date),
            "DTEND;VALUE=DATE:" + icsDay(next), "SUMMARY:" + icsText(phase.name),
            "DESCRIPTION:" + icsText(phase.goals || ""), "END:VEVENT");
        }
        list.appendChild(item);
      });
      lines.push("END:VCALENDAR");
      var blob = new Blob([lines.join("\r\n") + "\r\n"], { type: "text/calendar" });
      if (download.href) {
        URL.revokeObjectURL(download.href);
      }
      download.href = URL.createObjectURL(blob);
      download.download = (text.file || "onboarding") + ".ics";
      download.hidden = false;
    }

    input.addEventListener("change", show);
    box.hidden = false;
    show();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".playbook-confirm"), startConfirm);
    Array.prototype.forEach.call(document.querySelectorAll(".playbook-reading"), startReadingList);
    Array.prototype.forEach.call(document.querySelectorAll(".playbook-start-plan"), startPlan);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
