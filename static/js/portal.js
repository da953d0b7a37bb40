// The portal's few behaviours, here rather than inline: the Content-Security-Policy forbids
// inline script. Every page works without them.
document.addEventListener("change", (event) => {
  const target = event.target;
  // A select that submits its form when changed (the language switch).
  if (target.matches("select[data-autosubmit]")) {
    target.form.submit();
  }
  // A checkbox that ticks every box of its form with the given name ("all").
  if (target.matches("input[data-check-all]")) {
    const name = target.dataset.checkAll;
    for (const box of target.form.querySelectorAll(`input[name="${name}"]`)) {
      box.checked = target.checked;
    }
  }
});
