/* Self-assessments (culture health check, leadership self-assessment): score, see, keep.
 *
 * The page holds the form: one fieldset of radio buttons per area, marked
 * data-pb-assessment="<id>" data-pb-area="<area id>", and a results panel marked
 * data-pb-assessment-results="<id>" whose data-pb-words attribute holds the texts this
 * script shows (as JSON, so they are translated with the page). The script draws a bar
 * chart of the chosen levels, lists the next step for each, and offers CSV and JSON
 * downloads, print and reset. A facilitator can load several people's downloads to see the
 * lowest, highest and median level per area. Answers are kept in this browser only
 * (localStorage, one entry per page and assessment); nothing is sent anywhere. Without
 * this script the page is a printable form.
 */
(function () {
  "use strict";

  var STORAGE_PREFIX = "playbook-assessment:";
  var FORMAT = "playbook-self-assessment";
  var SVG = "http://www.w3.org/2000/svg";
  var MAX_LEVEL = 5;

  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function storageKey(id) {
    return STORAGE_PREFIX + window.location.pathname + ":" + id;
  }

  /* Only a plain object ({...}) is a record; an array, null or a number is not. */
  function isRecord(value) {
    return Object.prototype.toString.call(value) === "[object Object]";
  }

  /* The stored answers; anything unexpected (not JSON, an array, a number) starts fresh,
   * so the next answer is saved rather than lost in a record of the wrong shape. */
  function loadState(id) {
    var state = { levels: {}, examples: {} };
    try {
      var stored = JSON.parse(window.localStorage.getItem(storageKey(id)) || "{}");
      if (isRecord(stored)) {
        if (isRecord(stored.levels)) {
          Object.keys(stored.levels).forEach(function (area) {
            var level = stored.levels[area];
            if (typeof level === "number" || typeof level === "string") {
              state.levels[area] = level;
            }
          });
        }
        if (isRecord(stored.examples)) {
          Object.keys(stored.examples).forEach(function (area) {
            if (typeof stored.examples[area] === "string") {
              state.examples[area] = stored.examples[area];
            }
          });
        }
      }
    } catch (error) {
      /* Not JSON, or storage is switched off: start fresh. */
    }
    return state;
  }

  function saveState(id, state) {
    try {
      if (Object.keys(state.levels).length || Object.keys(state.examples).length) {
        window.localStorage.setItem(storageKey(id), JSON.stringify(state));
      } else {
        window.localStorage.removeItem(storageKey(id));
      }
    } catch (error) {
      /* Storage is full or switched off: the answers last until the page is left. */
    }
  }

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function readAreas(id) {
    var fieldsets = document.querySelectorAll('fieldset[data-pb-assessment="' + id + '"]');
    return Array.prototype.map.call(fieldsets, function (fieldset) {
      var name = text(fieldset.querySelector(".pb-area__name"));
      return {
        id: fieldset.getAttribute("data-pb-area"),
        name: name,
        label: text(fieldset.querySelector(".pb-area__label")) || name,
        fieldset: fieldset,
        radios: fieldset.querySelectorAll('input[type="radio"]'),
        example: fieldset.querySelector("input[data-pb-example]"),
      };
    });
  }

  function chosenLevel(area) {
    for (var i = 0; i < area.radios.length; i++) {
      if (area.radios[i].checked) {
        return Number(area.radios[i].value);
      }
    }
    return null;
  }

  /* The next step for a level: under the level itself, or (when every area shares the same
     steps) in the results panel's list of steps. */
  function nextStep(area, level, panel) {
    var radio = area.radios[level - 1];
    var item = radio && radio.closest("li");
    var step = item ? item.querySelector(".pb-level__step") : null;
    if (!step) {
      var shared = panel.querySelectorAll(".pb-assessment__steps > li");
      step = shared[level - 1] ? shared[level - 1].querySelector(".pb-level__step") : null;
    }
    return step;
  }

  function truncate(value, length) {
    return value.length > length ? value.slice(0, length - 1).trimEnd() + "…" : value;
  }

  /* Horizontal bars, one row per area: its name, then a bar as long as the level. Widths
     are percentages of the chart, so it fits any screen without scaling the text. */
  function drawChart(figure, areas, words) {
    var old = figure.querySelector("svg");
    if (old) {
      old.remove();
    }
    var rowHeight = 40;
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "pb-assessment__bars");
    svg.setAttribute("width", "100%");
    svg.setAttribute("height", String(areas.length * rowHeight + 4));
    svg.setAttribute("aria-hidden", "true");
    areas.forEach(function (area, row) {
      var level = chosenLevel(area);
      var top = row * rowHeight;
      var group = document.createElementNS(SVG, "g");
      group.setAttribute("data-pb-area", area.id);
      group.setAttribute("data-level", level === null ? "" : String(level));
      var label = document.createElementNS(SVG, "text");
      label.setAttribute("class", "pb-assessment__label");
      label.setAttribute("x", "0");
      label.setAttribute("y", String(top + 14));
      label.textContent = truncate(area.label, 48);
      var value = document.createElementNS(SVG, "text");
      value.setAttribute("class", "pb-assessment__value");
      value.setAttribute("x", "100%");
      value.setAttribute("y", String(top + 14));
      value.setAttribute("text-anchor", "end");
      value.textContent = level === null ? "–" : level + "/" + MAX_LEVEL;
      var track = document.createElementNS(SVG, "rect");
      track.setAttribute("class", "pb-assessment__track");
      track.setAttribute("x", "0");
      track.setAttribute("y", String(top + 20));
      track.setAttribute("width", "100%");
      track.setAttribute("height", "12");
      group.appendChild(label);
      group.appendChild(value);
      group.appendChild(track);
      if (level !== null) {
        var bar = document.createElementNS(SVG, "rect");
        bar.setAttribute("class", "pb-assessment__bar");
        bar.setAttribute("x", "0");
        bar.setAttribute("y", String(top + 20));
        bar.setAttribute("width", (level / MAX_LEVEL) * 100 + "%");
        bar.setAttribute("height", "12");
        group.appendChild(bar);
      }
      svg.appendChild(group);
    });
    figure.insertBefore(svg, figure.firstChild);
  }

  function renderSummary(list, areas, words, panel) {
    list.textContent = "";
    areas.forEach(function (area) {
      var level = chosenLevel(area);
      var item = document.createElement("li");
      item.setAttribute("data-pb-area", area.id);
      var name = document.createElement("strong");
      name.textContent = area.label;
      item.appendChild(name);
      item.appendChild(document.createTextNode(words.separator));
      if (area.label !== area.name) {
        item.appendChild(document.createTextNode(area.name + " "));
      }
      if (level === null) {
        item.appendChild(document.createTextNode(words.unanswered));
      } else {
        item.appendChild(document.createTextNode(format(words.level, { level: level }) + ". "));
        var step = nextStep(area, level, panel);
        if (step) {
          var label = document.createElement("em");
          label.textContent = words.next;
          item.appendChild(label);
          item.appendChild(document.createTextNode(" "));
          var copy = document.createElement("span");
          copy.className = "pb-assessment__step";
          Array.prototype.forEach.call(step.childNodes, function (node) {
            copy.appendChild(node.cloneNode(true));
          });
          item.appendChild(copy);
        }
      }
      list.appendChild(item);
    });
  }

  function exportRecords(id, areas) {
    return areas.map(function (area) {
      var record = { id: area.id, name: area.name, level: chosenLevel(area) };
      if (area.example) {
        record.example = area.example.value;
      }
      return record;
    });
  }

  function csvField(value) {
    var textValue = value === null || value === undefined ? "" : String(value);
    /* Quote every field. A spreadsheet reads a cell whose first character after any
     * spaces is = + - @ (or a tab or carriage return) as a formula: a single quote in
     * front makes it text (OWASP's rule for CSV injection). */
    if (/^\s*[=+\-@\t\r]/.test(textValue)) {
      textValue = "'" + textValue;
    }
    return '"' + textValue.replace(/"/g, '""') + '"';
  }

  function toCsv(records) {
    var lines = [["area_id", "area", "level", "example"].map(csvField).join(",")];
    records.forEach(function (record) {
      lines.push(
        [record.id, record.name, record.level, record.example || ""].map(csvField).join(",")
      );
    });
    return lines.join("\r\n") + "\r\n";
  }

  function parseCsv(source) {
    var rows = [];
    var row = [];
    var field = "";
    var quoted = false;
    for (var i = 0; i < source.length; i++) {
      var char = source[i];
      if (quoted) {
        if (char === '"' && source[i + 1] === '"') {
          field += '"';
          i++;
        } else if (char === '"') {
          quoted = false;
        } else {
          field += char;
        }
      } else if (char === '"') {
        quoted = true;
      } else if (char === ",") {
        row.push(field);
        field = "";
      } else if (char === "\n" || char === "\r") {
        if (char === "\r" && source[i + 1] === "\n") {
          i++;
        }
        row.push(field);
        rows.push(row);
        row = [];
        field = "";
      } else {
        field += char;
      }
    }
    if (field || row.length) {
      row.push(field);
      rows.push(row);
    }
    return rows;
  }

  /* The levels of one exported file, keyed by area id; null if it is not an export. */
  function readExport(name, source, id) {
    var levels = {};
    if (/\.json$/i.test(name) || /^\s*\{/.test(source)) {
      var data;
      try {
        data = JSON.parse(source);
      } catch (error) {
        return null;
      }
      if (!data || data.format !== FORMAT || data.assessment !== id || !Array.isArray(data.areas)) {
        return null;
      }
      data.areas.forEach(function (area) {
        if (area && typeof area.id === "string" && validLevel(area.level)) {
          levels[area.id] = Number(area.level);
        }
      });
      return levels;
    }
    var rows = parseCsv(source.replace(/^\ufeff/, ""));
    if (!rows.length || rows[0][0] !== "area_id" || rows[0][2] !== "level") {
      return null;
    }
    rows.slice(1).forEach(function (row) {
      if (row[0] && validLevel(row[2])) {
        levels[row[0]] = Number(row[2]);
      }
    });
    return levels;
  }

  function validLevel(value) {
    var number = Number(value);
    return value !== null && value !== "" && Number.isInteger(number) && number >= 1 && number <= MAX_LEVEL;
  }

  function median(values) {
    var sorted = values.slice().sort(function (a, b) {
      return a - b;
    });
    var middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  function renderSpread(target, areas, files, words) {
    target.textContent = "";
    var table = document.createElement("table");
    var caption = document.createElement("caption");
    caption.textContent = words.spread_caption;
    table.appendChild(caption);
    var head = table.createTHead().insertRow();
    [words.area, words.answers, words.lowest, words.highest, words.median].forEach(function (title) {
      var cell = document.createElement("th");
      cell.scope = "col";
      cell.textContent = title;
      head.appendChild(cell);
    });
    var body = table.createTBody();
    var widest = 0;
    var spreads = [];
    areas.forEach(function (area) {
      var values = files
        .map(function (levels) {
          return levels[area.id];
        })
        .filter(function (level) {
          return level !== undefined;
        });
      var row = body.insertRow();
      row.setAttribute("data-pb-area", area.id);
      var name = document.createElement("th");
      name.scope = "row";
      name.textContent = area.label;
      row.appendChild(name);
      var low = values.length ? Math.min.apply(null, values) : null;
      var high = values.length ? Math.max.apply(null, values) : null;
      var cells = [values.length, low, high, values.length ? median(values) : null];
      cells.forEach(function (value) {
        row.insertCell().textContent = value === null ? "–" : String(value);
      });
      if (values.length) {
        spreads.push({ name: area.label, spread: high - low });
        widest = Math.max(widest, high - low);
      }
    });
    var advice = document.createElement("p");
    if (widest > 0) {
      var names = spreads
        .filter(function (item) {
          return item.spread === widest;
        })
        .map(function (item) {
          return item.name;
        });
      advice.textContent = format(words.discuss_first, { areas: names.join(", ") });
    } else {
      advice.textContent = words.agree;
    }
    target.appendChild(advice);
    target.appendChild(table);
  }

  function download(fileName, type, content) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 1000);
  }

  function setUp(panel) {
    if (panel.getAttribute("data-pb-ready")) {
      return;
    }
    var id = panel.getAttribute("data-pb-assessment-results");
    var words;
    try {
      words = JSON.parse(panel.getAttribute("data-pb-words") || "");
    } catch (error) {
      return;
    }
    var areas = readAreas(id);
    if (!areas.length) {
      return;
    }
    panel.setAttribute("data-pb-ready", "true");
    var chart = panel.querySelector(".pb-assessment__chart");
    var summary = panel.querySelector(".pb-assessment__summary");
    var status = panel.querySelector(".pb-assessment__status");
    var state = loadState(id);

    areas.forEach(function (area) {
      var level = state.levels[area.id];
      Array.prototype.forEach.call(area.radios, function (radio) {
        radio.checked = validLevel(level) && Number(radio.value) === Number(level);
        radio.addEventListener("change", changed);
      });
      if (area.example) {
        area.example.value = state.examples[area.id] || "";
        area.example.addEventListener("input", changed);
      }
    });

    function collect() {
      var next = { levels: {}, examples: {} };
      areas.forEach(function (area) {
        var level = chosenLevel(area);
        if (level !== null) {
          next.levels[area.id] = level;
        }
        if (area.example && area.example.value.trim()) {
          next.examples[area.id] = area.example.value;
        }
      });
      return next;
    }

    function render() {
      drawChart(chart, areas, words);
      renderSummary(summary, areas, words, panel);
      var answered = areas.filter(function (area) {
        return chosenLevel(area) !== null;
      }).length;
      status.textContent = format(words.answered, { count: answered, total: areas.length });
    }

    function changed() {
      saveState(id, collect());
      render();
    }

    function stem() {
      return words.file_stem + "-" + new Date().toISOString().slice(0, 10);
    }

    panel.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-pb-action]");
      if (!button) {
        return;
      }
      var action = button.getAttribute("data-pb-action");
      var records = exportRecords(id, areas);
      if (action === "csv") {
        download(stem() + ".csv", "text/csv;charset=utf-8", "\ufeff" + toCsv(records));
      } else if (action === "json") {
        var data = {
          format: FORMAT,
          version: 1,
          assessment: id,
          page: window.location.pathname,
          exported: new Date().toISOString(),
          areas: records,
        };
        download(stem() + ".json", "application/json", JSON.stringify(data, null, 2) + "\n");
      } else if (action === "print") {
        window.print();
      } else if (action === "reset") {
        areas.forEach(function (area) {
          Array.prototype.forEach.call(area.radios, function (radio) {
            radio.checked = false;
          });
          if (area.example) {
            area.example.value = "";
          }
        });
        saveState(id, { levels: {}, examples: {} });
        render();
        status.textContent = words.cleared;
      }
    });

    var input = panel.querySelector('input[type="file"]');
    var spread = panel.querySelector(".pb-assessment__spread");
    input.addEventListener("change", function () {
      var chosen = Array.prototype.slice.call(input.files || []);
      Promise.all(
        chosen.map(function (file) {
          return file.text().then(function (source) {
            return { name: file.name, levels: readExport(file.name, source, id) };
          });
        })
      ).then(function (results) {
        var files = [];
        var messages = [];
        results.forEach(function (result) {
          if (result.levels) {
            files.push(result.levels);
          } else {
            messages.push(format(words.unreadable, { file: result.name }));
          }
        });
        spread.textContent = "";
        if (files.length) {
          renderSpread(spread, areas, files, words);
        }
        var note = document.createElement("p");
        var loaded = files.length === 1 ? words.loaded_one : words.loaded;
        note.textContent = [format(loaded, { count: files.length })]
          .concat(messages)
          .join(" ");
        spread.insertBefore(note, spread.firstChild);
      });
    });

    panel.hidden = false;
    render();
  }

  function setUpAll() {
    Array.prototype.forEach.call(
      document.querySelectorAll("[data-pb-assessment-results]"),
      setUp
    );
  }

  /* Material's instant navigation swaps pages without a reload; document$ says when. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
