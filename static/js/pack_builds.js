// The pack list's builds in progress: their status line is read from the server every few
// seconds and announced (role="status"), with the PDF's link once it is ready. Without
// JavaScript the page shows the same status when reloaded.
const POLL_MS = 3000;

for (const row of document.querySelectorAll("[data-build-status-url]")) {
  const message = row.querySelector("[data-build-message]");
  const link = row.querySelector("[data-build-download]");
  const poll = async () => {
    const response = await fetch(row.dataset.buildStatusUrl, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const build = await response.json();
    message.textContent = build.message;
    if (build.download && link) {
      link.href = build.download;
      link.hidden = false;
    }
    if (build.in_progress) setTimeout(poll, POLL_MS);
  };
  setTimeout(poll, POLL_MS);
}
