/* Irreversible steps ask first (templates/web/_confirm.html).
 *
 * A form holding [data-confirm] opens its <dialog> when submitted; "Yes" ticks the form's
 * confirmation box and submits it, "Cancel" or Escape closes the dialog and returns to the
 * button. Without this script the box is shown and must be ticked instead. No inline script:
 * the Content-Security-Policy allows scripts from our own origin only.
 */
(function () {
  "use strict";

  function arm(box) {
    var form = box.closest("form");
    var dialog = box.querySelector("dialog");
    var check = box.querySelector("input[name=confirmed]");
    if (!form || !dialog || typeof dialog.showModal !== "function" || !check) {
      return; // an old browser keeps the checkbox
    }
    box.classList.add("confirm-armed");
    check.required = false; // hidden: the dialog asks instead
    var submitter = null;

    form.addEventListener("submit", function (event) {
      if (check.checked) {
        return;
      }
      event.preventDefault();
      submitter = event.submitter || null;
      dialog.showModal();
    });
    box.querySelector("[data-confirm-ok]").addEventListener("click", function () {
      check.checked = true;
      dialog.close();
      if (typeof form.requestSubmit === "function") {
        form.requestSubmit(submitter || undefined);
      } else {
        form.submit();
      }
    });
    box.querySelector("[data-confirm-cancel]").addEventListener("click", function () {
      dialog.close();
    });
    dialog.addEventListener("close", function () {
      if (!check.checked && submitter) {
        submitter.focus();
      }
    });
  }

  function armAll(root) {
    var boxes = root.querySelectorAll("[data-confirm]:not(.confirm-armed)");
    for (var i = 0; i < boxes.length; i++) {
      arm(boxes[i]);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    armAll(document);
  });
  // Parts of a page that htmx swaps in are armed too.
  document.addEventListener("htmx:load", function (event) {
    armAll(event.target);
  });
})();
