/* Search for playbooks opened from a folder or zip (file://), in offline builds only.
 *
 * Material runs its search in a Web Worker, and browsers refuse to start workers from
 * file:// pages. This stand-in gives Material a Worker-like object that runs the same
 * script in a hidden, same-origin iframe and carries messages both ways, so search works
 * with no server and no network. */
(function () {
  "use strict";
  if (window.location.protocol !== "file:") {
    return;
  }

  function loadScriptsInOrder(frameDocument, urls) {
    return urls.reduce(function (previous, url) {
      return previous.then(function () {
        return new Promise(function (resolve, reject) {
          var script = frameDocument.createElement("script");
          script.src = url;
          script.onload = resolve;
          script.onerror = reject;
          frameDocument.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  }

  class FrameWorker extends EventTarget {
    constructor(scriptUrl) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      this.frame.setAttribute("aria-hidden", "true");
      this.frame.setAttribute("title", "search worker");
      document.body.appendChild(this.frame);

      var scope = this.frame.contentWindow;
      var frameDocument = scope.document;
      var worker = this;
      // What the worker script sees as its global scope.
      scope.postMessage = function (data) {
        worker.emit(new MessageEvent("message", { data: data }));
      };
      scope.importScripts = function () {
        return loadScriptsInOrder(frameDocument, Array.prototype.slice.call(arguments));
      };
      scope.addEventListener("error", function (event) {
        worker.emit(new ErrorEvent("error", { message: event.message, error: event.error }));
      });
      var absolute = new URL(scriptUrl, document.baseURI).href;
      this.ready = loadScriptsInOrder(frameDocument, [absolute]);
    }

    emit(event) {
      this.dispatchEvent(event);
      var handler = event.type === "message" ? this.onmessage : this.onerror;
      if (typeof handler === "function") {
        handler.call(this, event);
      }
    }

    postMessage(data) {
      var frame = this.frame;
      var copy = structuredClone(data);
      this.ready.then(function () {
        var scope = frame.contentWindow;
        if (scope) {
          scope.dispatchEvent(new scope.MessageEvent("message", { data: copy }));
        }
      });
    }

    terminate() {
      this.frame.remove();
    }
  }

  window.Worker = FrameWorker;
})();
