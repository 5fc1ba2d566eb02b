// Long-running requests (building a PDF pack) say that they are working: the button is
// disabled and a message is announced, so nobody clicks twice or thinks it has hung.
for (const element of document.querySelectorAll("[data-busy-message]")) {
  const event = element.tagName === "FORM" ? "submit" : "click";
  element.addEventListener(event, () => {
    const status = document.getElementById("busy-status");
    if (status) {
      status.textContent = element.dataset.busyMessage;
      status.hidden = false;
    }
    for (const button of element.querySelectorAll("button")) {
      button.disabled = true;
    }
  });
}
