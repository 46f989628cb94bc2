// The rich-text editor's links without guessing: "NRW.Global" or
// "Dr.Müller" stay words when typed or pasted; a link is only where the
// editor sets one. (Tiptap's paste rule ignores autolink/linkOnPaste and asks
// shouldAutoLink, which a JSON configuration cannot replace.)
import { Link as BaseLink } from "django-prose-editor/editor"

export const Link = BaseLink.extend({
  addOptions() {
    return { ...this.parent?.(), shouldAutoLink: () => false }
  },
})
