"""One place for each fact: paths and URLs, file and form names, labels, branch names,
the Finnish words for values and Finnish formatting.

May import: the standard library, babel, pyuca, python-slugify and `talkoot.content.model`
(for the enumerations it names, and through it `content.contrast`). Nothing else of
talkoot. `characters` (what may reach an output) imports nothing of talkoot, so that the
content model can use it.
"""
