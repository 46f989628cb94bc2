"""Read an admin page's form as a browser would and submit it unchanged."""

from html.parser import HTMLParser


class FormParser(HTMLParser):
    """The fields of the first <form> whose id matches, as a browser sends them:
    text inputs and textareas with their value, checked boxes and radios,
    selected options (the first option of a single select where none is),
    no file and no button."""

    def __init__(self, form_id_suffix: str = "_form"):
        super().__init__(convert_charrefs=True)
        self.suffix = form_id_suffix
        self.in_form = False
        self.done = False
        self.fields: list[tuple[str, str]] = []
        self.select: dict | None = None
        self.option: dict | None = None
        self.textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and not self.done:
            self.in_form = (attributes.get("id") or "").endswith(self.suffix)
            return
        if not self.in_form or "disabled" in attributes:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = (attributes.get("type") or "text").lower()
            if kind in ("file", "submit", "button", "image", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    self.fields.append((name, attributes.get("value") or "on"))
                return
            self.fields.append((name, attributes.get("value") or ""))
        elif tag == "select" and name:
            self.select = {
                "name": name,
                "multiple": "multiple" in attributes,
                "options": [],
            }
        elif tag == "option" and self.select is not None:
            self.option = {
                "value": attributes.get("value"),
                "selected": "selected" in attributes,
                "text": "",
            }
            self.select["options"].append(self.option)
        elif tag == "textarea" and name:
            self.textarea = {"name": name, "text": ""}

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["text"] += data
        elif self.option is not None:
            self.option["text"] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True
        elif tag == "option":
            self.option = None
        elif tag == "textarea" and self.textarea is not None:
            text = self.textarea["text"]
            # A browser drops the one newline that follows <textarea>.
            self.fields.append((self.textarea["name"], text.removeprefix("\n")))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            options = self.select["options"]
            chosen = [o for o in options if o["selected"]]
            if not chosen and not self.select["multiple"] and options:
                chosen = options[:1]
            for option in chosen:
                value = option["value"]
                self.fields.append(
                    (self.select["name"], option["text"] if value is None else value)
                )
            self.select = None


def form_fields(html: str) -> list[tuple[str, str]]:
    parser = FormParser()
    parser.feed(html)
    return parser.fields


def as_post_data(fields: list[tuple[str, str]]) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return data
