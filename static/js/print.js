// "Print the timeline" links: no inline script, so a strict Content-Security-Policy holds.
for (const link of document.querySelectorAll("[data-print]")) {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    window.print();
  });
}
