"""Sending a form by email, for those without a GitHub account: a `mailto:` link whose
body holds the form's questions as `### ` headings in the form's order, so that the
handler can open the issue form on the sender's behalf and paste the answers in (the
issue body has the same headings, `talkoot.submissions.issueform`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final
from urllib.parse import quote

from talkoot.vocabulary import names, words

#: Issue form -> (subject, the form's fields: element id -> label, in form order).
FORMS: Final[Mapping[str, tuple[str, Mapping[str, str]]]] = {
    names.PROPOSAL_FORM: ("Kehittämisehdotus: ", words.PROPOSAL_FIELDS),
    names.REGISTRATION_FORM: ("Ilmoittautuminen: ", words.REGISTRATION_FIELDS),
}

INTRO: Final = (
    "Kirjoita vastauksesi kunkin otsikon alle. Lähetetty lomake julkaistaan GitHubissa,"
    " joten älä kirjoita siihen henkilötietoja."
)


def body(fields: Mapping[str, str]) -> str:
    """The message body: a line of help, then one `### label` heading per field."""
    return "\n\n".join([INTRO, *(f"### {label}\n\n" for label in fields.values())])


def mailto_url(address: str, form: str) -> str:
    """`mailto:` with a subject and a body for the issue form `form` (RFC 6068)."""
    subject, fields = FORMS[form]
    # CRLF line breaks and every reserved character percent-encoded, as RFC 6068 asks
    text = body(fields).replace("\n", "\r\n")
    return f"mailto:{quote(address, safe='@')}?subject={quote(subject)}&body={quote(text)}"
