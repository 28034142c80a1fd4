// Refreshes the overview's figures every 30 seconds while the page is shown.
(function () {
  const box = document.getElementById("figures");
  if (!box) return;
  async function refresh() {
    if (document.hidden) return;
    try {
      const response = await fetch(box.dataset.refresh, { credentials: "same-origin" });
      if (response.ok) box.innerHTML = await response.text();
    } catch (error) {
      // The next refresh tries again; the figures shown stay as they were.
    }
  }
  setInterval(refresh, 30000);
})();
