/* Horizont – small enhancements; every page works without them.
   Loaded from 'self' only (Content-Security-Policy). */
(function () {
  "use strict";

  /* Menus and filter panels are open on wide screens, a disclosure on
     phones. CSS does this where ::details-content can be styled; this
     opens them for the other browsers. */
  var wide = window.matchMedia("(min-width: 60rem)");
  function openWide() {
    document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
      if (wide.matches) {
        details.open = true;
      } else if (!details.hasAttribute("data-open-narrow")) {
        details.open = false;
      }
    });
  }
  openWide();
  wide.addEventListener("change", openWide);

  /* Gallery: a photo's link opens the large rendition in a dialog. */
  var dialog = null;
  function lightbox() {
    if (dialog) return dialog;
    dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = document.documentElement.lang === "en" ? "Close" : "Schließen";
    close.addEventListener("click", function () { dialog.close(); });
    dialog.appendChild(close);
    dialog.appendChild(document.createElement("img"));
    dialog.appendChild(document.createElement("p"));
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close();
    });
    document.body.appendChild(dialog);
    return dialog;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-lightbox]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var box = lightbox();
    if (typeof box.showModal !== "function") return;
    event.preventDefault();
    var image = box.querySelector("img");
    var thumb = link.querySelector("img");
    image.src = link.href;
    image.alt = thumb ? thumb.alt : "";
    var caption = link.closest("figure").querySelector("figcaption");
    box.querySelector("p").textContent = caption ? caption.textContent.trim() : "";
    box.showModal();
  });

  /* Long lists of checkboxes get a filter box above them. */
  document.querySelectorAll("[data-choice-filter]").forEach(function (field) {
    var list = field.querySelector("fieldset > div, ul");
    if (!list) return;
    var items = Array.prototype.slice.call(list.querySelectorAll("label"));
    var wrapper = document.createElement("p");
    wrapper.className = "choice-list__filter";
    var id = field.id + "-filter";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = field.getAttribute("data-choice-filter");
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    list.parentNode.insertBefore(wrapper, list);
    input.addEventListener("input", function () {
      var term = input.value.trim().toLocaleLowerCase();
      items.forEach(function (item) {
        var row = item.closest("div, li") || item;
        row.hidden = term !== "" && !item.textContent.toLocaleLowerCase().includes(term);
      });
    });
  });
})();
