// Accessible names that widgets of the stock admin and of the rich-text
// editor leave out (found by axe): each gets the text of its field's label.
// Widgets are built after page load, so new ones are labelled as they appear.
"use strict";
(function () {
  function labelText(id) {
    const label = id && document.querySelector(`label[for="${CSS.escape(id)}"]`);
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function name(root) {
    // The rich-text editor: a contenteditable textbox inside the field's box.
    root.querySelectorAll(".ProseMirror[contenteditable]:not([aria-label])").forEach((editor) => {
      const box = editor.closest(".fieldBox, .form-row");
      const label = box && box.querySelector("label");
      if (label) editor.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
    });
    // Autocomplete (select2): its search box is named after the select's label.
    root.querySelectorAll(".select2-container").forEach((container) => {
      const select = container.previousElementSibling;
      const text = select && select.tagName === "SELECT" ? labelText(select.id) : "";
      container
        .querySelectorAll("input.select2-search__field:not([aria-label]), .select2-selection:not([aria-label]), .select2-selection__rendered[role=textbox]:not([aria-label])")
        .forEach((input) => {
          if (text) input.setAttribute("aria-label", text);
        });
      // Chosen items and the search box share a <ul>: not a list of items.
      container.querySelectorAll("ul.select2-selection__rendered:not([role])").forEach((list) => {
        list.setAttribute("role", "presentation");
      });
    });
    // Date and time of a split date-time field are labelled by the field.
    root.querySelectorAll(".fieldBox input.vDateField:not([aria-label]), .fieldBox input.vTimeField:not([aria-label])").forEach((input) => {
      const label = input.closest(".fieldBox").querySelector("label");
      const part = input.closest("p.datetime") ? input.previousSibling : null;
      if (label) {
        const field = label.textContent.replace(/:\s*$/, "").trim();
        const which = part && part.textContent ? part.textContent.replace(/:\s*$/, "").trim() : "";
        input.setAttribute("aria-label", which ? `${field}, ${which}` : field);
      }
    });
    // The two-column chooser's help icons carry an aria-label: make them images.
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach((icon) => {
      icon.setAttribute("role", "img");
    });
  }

  function start() {
    name(document);
    new MutationObserver(() => name(document)).observe(document.body, {
      childList: true,
      subtree: true,
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// Slugs prefilled from a title spell umlauts as German readers do, like
// config/slugs.py on the server: "Ärzte" → "aerzte", "Straße" → "strasse"
// (Django's URLify alone makes "arzte"). prepopulate.js looks URLify up on
// each keystroke, so wrapping it here is enough.
(function () {
  const GERMAN = { ä: "ae", ö: "oe", ü: "ue", ß: "ss", Ä: "Ae", Ö: "Oe", Ü: "Ue" };
  const urlify = window.URLify;
  if (typeof urlify !== "function") return;
  window.URLify = (s, numChars, allowUnicode) =>
    urlify(s.replace(/[äöüßÄÖÜ]/g, (c) => GERMAN[c]), numChars, allowUnicode);
})();
