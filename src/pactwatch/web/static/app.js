// Review queue: accept or reject a claim with the editor token kept in this browser.
(function () {
  "use strict";
  const KEY = "pactwatch-token";
  const form = document.getElementById("token-form");
  const input = document.getElementById("token");
  const state = document.getElementById("token-state");
  function showState() {
    if (state) state.textContent = localStorage.getItem(KEY) ? "token set" : "no token yet";
  }
  if (form && input) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (input.value.trim()) localStorage.setItem(KEY, input.value.trim());
      input.value = "";
      showState();
    });
    showState();
  }
  document.querySelectorAll("li.claim button[data-decision]").forEach(function (button) {
    button.addEventListener("click", async function () {
      const item = button.closest("li.claim");
      const outcome = item.querySelector(".outcome");
      const token = localStorage.getItem(KEY) || "";
      item.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      try {
        const response = await fetch("/api/claims/" + encodeURIComponent(item.dataset.claim) + "/review", {
          method: "POST",
          headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token },
          body: JSON.stringify({ decision: button.dataset.decision, reviewer: "dashboard" }),
        });
        const body = await response.json();
        if (response.ok) {
          outcome.textContent = body.review.status;
          item.classList.add("done");
        } else {
          outcome.textContent = body.error ? body.error.message : "failed";
          item.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
        }
      } catch (error) {
        outcome.textContent = "the server did not answer";
        item.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
      }
    });
  });
})();
