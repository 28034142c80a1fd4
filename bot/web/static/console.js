// Live figures: the overview every 30 seconds, a broadcast's delivery every 3 seconds while
// one is going out.
(function () {
  const figures = document.getElementById("figures");
  if (figures) {
    setInterval(async function () {
      if (document.hidden) return;
      try {
        const response = await fetch(figures.dataset.refresh, { credentials: "same-origin" });
        if (response.ok) figures.innerHTML = await response.text();
      } catch (error) {
        // The next refresh tries again; the figures shown stay as they were.
      }
    }, 30000);
  }
  const history = document.getElementById("history");
  if (history) {
    const timer = setInterval(async function () {
      const going = history.querySelectorAll("article.delivery[data-status=scheduled]");
      if (!going.length) { clearInterval(timer); return; }
      try {
        const response = await fetch(history.dataset.refresh, { credentials: "same-origin" });
        if (!response.ok) return;
        const all = await response.json();
        going.forEach(function (article) {
          const state = all[article.dataset.id];
          if (!state) return;
          article.querySelector("progress").value = state.percent;
          article.querySelector(".percent").textContent = state.percent + " %";
          article.querySelector(".counts").textContent = state.text;
          article.dataset.status = state.status;
        });
      } catch (error) {
        // Tried again at the next tick.
      }
    }, 3000);
  }
})();
