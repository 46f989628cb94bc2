"""Counting what an editor does in the browser: field entries, clicks, page loads.

Every action of the entry script goes through an `EntryCounter`, so the
figures are the script's own steps, not an estimate:

- field entry: typing into a text field (`fill`), choosing in a select (one
  per option chosen: in a multi-select every Ctrl-click counts), choosing
  files (`upload`), typing into the rich-text editor (one per editor, its
  paragraphs included) and typing a search term into an autocomplete;
- click: every click, on a button, link, checkbox or autocomplete result;
- page load: every "load" event of the main frame (a form sent, a link
  followed, the first address typed in).

Focusing a field before typing is not counted: a person may tab there.
Rich text goes in a paragraph at a time, as pasted from the team's draft;
typed key by key, the editor would also turn "NRW.Global" into a link.
"""

import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

KINDS = ("field_entries", "clicks", "page_loads")


@dataclass
class InventedFact:
    """A value the admin made the editor enter although the seed does not give it."""

    record: str
    field: str
    value: str
    seed: str

    def __str__(self):
        return f"{self.record} – {self.field}: {self.value!r} (Seed: {self.seed})"


@dataclass
class EntryCounter:
    page: object
    totals: Counter = field(default_factory=Counter)
    by_step: dict = field(default_factory=dict)
    characters: int = 0
    invented: list = field(default_factory=list)
    not_representable: list = field(default_factory=list)
    server_errors: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    validation_errors: list = field(default_factory=list)
    step_name: str = "start"
    counting: bool = True
    started: float = field(default_factory=time.monotonic)
    stopped: float | None = None

    def __post_init__(self):
        self.page.on("load", lambda _page: self._count("page_loads"))
        self.page.on("response", self._on_response)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def _on_console(self, message):
        if message.type == "error" and "favicon.ico" not in message.location["url"]:
            self.console_errors.append(f"{message.text} ({message.location['url']})")

    def _on_response(self, response):
        if response.status >= 500:
            self.server_errors.append(
                f"{response.status} {response.request.method} {response.url}"
            )

    def _count(self, kind: str, amount: int = 1) -> None:
        if not self.counting:
            return
        self.totals[kind] += amount
        self.by_step.setdefault(self.step_name, Counter())[kind] += amount

    @contextmanager
    def step(self, name: str):
        previous, self.step_name = self.step_name, name
        try:
            yield
        finally:
            self.step_name = previous

    def stop(self) -> None:
        """The entry is done: what follows (checking the public pages) is not."""
        self.counting = False
        self.stopped = time.monotonic()

    # What a person does.

    def fill(self, locator, value: str) -> None:
        locator.fill(value)
        self.characters += len(value)
        self._count("field_entries")

    def select(self, locator, values) -> None:
        values = [values] if isinstance(values, str) else list(values)
        locator.select_option(values)
        self._count("field_entries", len(values))

    def upload(self, locator, files) -> None:
        locator.set_input_files(files)
        self._count("field_entries")

    def type_rich_text(self, editor, paragraphs) -> None:
        """Type paragraphs into a ProseMirror editor, Enter between them."""
        editor.click()
        for index, paragraph in enumerate(paragraphs):
            if index:
                self.page.keyboard.press("Enter")
            self.page.keyboard.insert_text(paragraph)
            self.characters += len(paragraph)
        self._count("field_entries")

    def type_search(self, locator, term: str) -> None:
        locator.fill(term)
        self.characters += len(term)
        self._count("field_entries")

    def click(self, locator, **options) -> None:
        locator.click(**options)
        self._count("clicks")

    # What the script learns along the way.

    def invent(self, record: str, field_name: str, value: str, seed: str) -> str:
        self.invented.append(InventedFact(record, field_name, value, seed))
        return value

    def cannot_enter(self, what: str) -> None:
        self.not_representable.append(what)

    def figures(self) -> dict:
        end = self.stopped or time.monotonic()
        return {
            **{kind: self.totals[kind] for kind in KINDS},
            "characters_typed": self.characters,
            "wall_seconds": round(end - self.started, 1),
            "by_step": {
                name: {kind: counts[kind] for kind in KINDS}
                for name, counts in self.by_step.items()
            },
            "invented_facts": [vars(fact) for fact in self.invented],
            "not_representable": self.not_representable,
            "server_errors": self.server_errors,
            "console_errors": self.console_errors,
            "validation_errors": self.validation_errors,
        }
