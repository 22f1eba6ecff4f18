/* Submit once: a POST form ignores repeat taps on its button while the first submission
 * is on its way, and shows that it is working (Pico draws a spinner for aria-busy).
 *
 * Applies to every POST form of the site except htmx forms (htmx sends those itself)
 * and forms marked data-submit-once="off". The button is not disabled: a disabled
 * submitter would drop its name=value from the submission (forms with several
 * buttons). The form is released when the page is shown again from the back/forward
 * cache, and after RELEASE_MS in case the answer was a download (no new page).
 * The server side of the same guarantee is the form's client_id (governance.idempotency).
 */
(function () {
  "use strict";
  var RELEASE_MS = 10000;

  function applies(form) {
    if (!(form instanceof HTMLFormElement)) return false;
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post") return false;
    if (form.dataset.submitOnce === "off") return false;
    return !form.closest("[hx-post],[hx-put],[hx-patch],[hx-delete],[hx-get],[data-hx-post],[hx-boost='true']");
  }

  function release(form) {
    delete form.dataset.submitting;
    form.querySelectorAll("[aria-busy='true']").forEach(function (button) {
      button.removeAttribute("aria-busy");
    });
  }

  /* Mark the form as being sent; false when it already is (a repeat tap). */
  function mark(form, submitter) {
    if (form.dataset.submitting) return false;
    form.dataset.submitting = "1";
    var button = submitter || form.querySelector("button[type=submit], button:not([type]), input[type=submit]");
    if (button) button.setAttribute("aria-busy", "true");
    window.setTimeout(function () { release(form); }, RELEASE_MS);
    return true;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !applies(form)) return;
    if (!mark(form, event.submitter)) event.preventDefault();
  });

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) document.querySelectorAll("form[data-submitting]").forEach(release);
  });

  window.ClusterDevSubmitOnce = { mark: mark, release: release };
})();
