// SIKER office pages: the only script. No inline handlers (the Content-Security-Policy forbids
// them): forms that need a confirmation say so in data-confirm, and the fleet table refreshes
// itself from data-src every data-interval seconds.
"use strict";

document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

function startFleetPolling() {
  const body = document.getElementById("fleet-rows");
  if (!body) return;
  const source = body.getAttribute("data-src");
  const seconds = Number(body.getAttribute("data-interval")) || 5;
  const stamp = document.getElementById("fleet-updated");
  async function refresh() {
    try {
      const answer = await fetch(source, { credentials: "same-origin", cache: "no-store" });
      if (answer.status === 401) { window.location.reload(); return; }
      if (answer.ok) {
        // The server renders the rows with the same escaped template as the page itself.
        body.innerHTML = await answer.text();
        if (stamp) stamp.textContent = answer.headers.get("X-Fleet-Updated") || stamp.textContent;
      }
    } catch (error) {
      // Network hiccup: keep the last rows and try again next time.
    }
    window.setTimeout(refresh, seconds * 1000);
  }
  window.setTimeout(refresh, seconds * 1000);
}

document.addEventListener("DOMContentLoaded", startFleetPolling);

// A file over the server's limit is refused before it is sent, with the same sentence the
// server would give (the server checks again: this only saves the wait).
document.addEventListener("change", (event) => {
  const input = event.target;
  const form = input.form;
  if (!form || !form.hasAttribute("data-max-bytes") || input.type !== "file") return;
  const limit = Number(form.getAttribute("data-max-bytes"));
  const total = Array.from(input.files).reduce((sum, file) => sum + file.size, 0);
  input.setCustomValidity(total > limit ? form.getAttribute("data-too-big") : "");
  input.reportValidity();
});
