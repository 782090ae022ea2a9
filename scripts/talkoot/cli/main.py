"""The `talkoot` command line: one subcommand per job.

Messages for editors are Finnish. An expected failure (invalid content, a missing file)
prints its message and exits 1 without a traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from talkoot.exceptions import ContentError, TalkootError

Handler = Callable[[argparse.Namespace], int]


def _validate(args: argparse.Namespace) -> int:
    from talkoot.cli.inactivity import ADVICE, check
    from talkoot.content.load import load_dir
    from talkoot.content.project import find_project

    directory = Path(args.content) if args.content else find_project().content_dir
    content = load_dir(directory)
    warnings = check(content, directory)  # a warning, not an error: the exit code stays 0
    for warning in warnings:
        print(warning, file=sys.stderr)
    if warnings:
        print(ADVICE, file=sys.stderr)
    from talkoot.vocabulary import fi

    found = ", ".join(
        [
            fi.count(len(content.events), "tapahtuma", "tapahtumaa"),
            fi.count(sum(map(len, content.workshops.values())), "työpaja", "työpajaa"),
            fi.count(len(content.proposals), "ehdotus", "ehdotusta"),
        ]
    )
    print(f"Sisältö on kunnossa: {found}.")
    return 0


def _schemas(args: argparse.Namespace) -> int:
    from talkoot.content.project import find_project
    from talkoot.content.schemas import write_or_check

    messages = write_or_check(find_project().schemas_dir, check=args.check)
    for message in messages:
        print(message, file=sys.stderr if args.check else sys.stdout)
    return 1 if args.check and messages else 0


def _forms(args: argparse.Namespace) -> int:
    from talkoot.content.project import find_project
    from talkoot.submissions import forms

    project = find_project()
    edition = forms.edition_from_content(project.load_content(), project.site_url)
    messages = forms.write_or_check(forms.render_forms(edition), project.forms_dir, args.check)
    for message in messages:
        print(message, file=sys.stderr if args.check else sys.stdout)
    return 1 if args.check and messages else 0


def _demo_content(args: argparse.Namespace) -> int:
    from talkoot.content.demo import write_demo_content

    count = write_demo_content(
        Path(args.out), editions=args.editions, proposals=args.proposals, seed=args.seed
    )
    print(f"Kirjoitettiin {count} tiedostoa kansioon {args.out}.")
    return 0


def _parse_issue(args: argparse.Namespace) -> int:
    from talkoot.submissions.issueform import parse_issue_main

    return parse_issue_main(args.form, args.body)


def _site_diff(args: argparse.Namespace) -> int:
    from talkoot.cli.sitediff import main as site_diff

    return site_diff(args.old, args.new)


def _new_event(args: argparse.Namespace) -> int:
    from talkoot.content.load import load_dir, read_content_dir
    from talkoot.content.newevent import scaffold
    from talkoot.content.project import find_project
    from talkoot.submissions import forms

    project = find_project()
    content = project.load_content()
    files = read_content_dir(project.content_dir)
    for rel, text in scaffold(content, args.year, files).items():
        if files.get(rel) == text:
            continue  # unchanged files are left alone
        path = project.content_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        print(f"Kirjoitettiin {path.relative_to(project.root)}")
    content = load_dir(project.content_dir)
    edition = forms.edition_from_content(content, project.site_url)
    for message in forms.write_or_check(forms.render_forms(edition), project.forms_dir, False):
        print(message)
    print(
        f"Vuoden {args.year} tapahtuma on luotu. Tarkista päivämäärät tiedostosta "
        f"content/events/{args.year}.yml ja poista sieltä rivi 'dates_confirmed: false', "
        "kun ajankohta on varma."
    )
    return 0


def _export(args: argparse.Namespace) -> int:
    from talkoot.cli.export import export

    result = export(Path(args.dir))
    print(
        f"Kirjoitettiin {result.generated} sisällöstä tehtyä ja {result.copied} kirjoitettua "
        f"tiedostoa kansioon {args.dir}."
    )
    return 0


def _ingest(args: argparse.Namespace) -> int:
    from talkoot.github.action import configure_logging, run_ingest

    configure_logging()
    return run_ingest()


def _sync(args: argparse.Namespace) -> int:
    from talkoot.github.action import configure_logging, run_sync

    configure_logging()
    return run_sync(days=None if args.all else args.days)


def _labels(args: argparse.Namespace) -> int:
    from talkoot.github.action import configure_logging, run_labels

    configure_logging()
    return run_labels()


def _keep_awake(args: argparse.Namespace) -> int:
    from talkoot.github.action import configure_logging
    from talkoot.github.keepawake import run_keep_awake

    configure_logging()
    return run_keep_awake()


def _purge_registrations(args: argparse.Namespace) -> int:
    from talkoot.github.action import configure_logging
    from talkoot.github.purge import run_purge

    configure_logging()
    return run_purge(args.year, yes=args.yes)


class _FinnishFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "käyttö: " if prefix is None else prefix)


# argparse's own messages are English; editors read these in Finnish.
_ARGPARSE_MESSAGES = [
    (r"the following arguments are required: (.*)", r"nämä puuttuvat: \1"),
    (r"argument (\S+): invalid int value: (.*)", r"\1: \2 ei ole kokonaisluku"),
    (r"argument (\S+): invalid choice: (\S+).*", r"tuntematon komento \2"),
    (r"argument (\S+): expected one argument", r"\1 tarvitsee arvon"),
    (r"argument (\S+): not allowed with argument (\S+)", r"\1 ja \2 eivät käy yhdessä"),
    (r"unrecognized arguments: (.*)", r"tuntemattomat valinnat: \1"),
]


class _Parser(argparse.ArgumentParser):
    """argparse with Finnish headings, help and error messages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _FinnishFormatter)
        kwargs["add_help"] = False  # the help option below, in Finnish
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumentit"
        self._optionals.title = "valinnat"
        self.add_argument("-h", "--help", action="help", help="näytä tämä ohje ja lopeta")

    def error(self, message: str) -> NoReturn:
        for pattern, finnish in _ARGPARSE_MESSAGES:
            message = re.sub(pattern, finnish, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: virhe: {message}\n")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="talkoot", description="Tulevaisuuden suunnittelutalkoiden sivusto ja lomakkeet."
    )
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="KOMENTO", parser_class=_Parser, title="komennot"
    )

    validate = sub.add_parser("validate", help="tarkista koko sisältö")
    validate.add_argument("--content", help="sisältökansio (oletus: mkdocs.yml:n asetus)")
    validate.set_defaults(handler=_validate)

    for name, handler, what in (
        ("schemas", _schemas, "JSON-skeemat sisältömallista"),
        ("forms", _forms, "GitHubin lomakkeet sisällöstä"),
    ):
        command = sub.add_parser(name, help=f"kirjoita {what}")
        mode = command.add_mutually_exclusive_group()
        mode.add_argument("--write", action="store_true", help="kirjoita tiedostot (oletus)")
        mode.add_argument(
            "--check", action="store_true", help="tarkista, että tiedostot ovat ajan tasalla"
        )
        command.set_defaults(handler=handler)

    demo = sub.add_parser("demo-content", help="kirjoita keksitty esimerkkisisältö")
    demo.add_argument("--out", required=True, help="kansio, johon sisältö kirjoitetaan")
    demo.add_argument("--editions", type=int, default=3, help="vuosien määrä")
    demo.add_argument("--proposals", type=int, default=60, help="ehdotusten määrä")
    demo.add_argument("--seed", type=int, default=2023, help="satunnaislukujen siemen")
    demo.set_defaults(handler=_demo_content)

    new_event = sub.add_parser("new-event", help="luo seuraavan vuoden tapahtuma uusimman pohjalta")
    new_event.add_argument("year", type=int, help="uuden tapahtuman vuosi")
    new_event.set_defaults(handler=_new_event)

    parse = sub.add_parser("parse-issue", help="jäsennä issuen teksti lomakkeen mukaan JSONiksi")
    parse.add_argument("--form", required=True, help="lomakepohja (.github/ISSUE_TEMPLATE/*.yml)")
    parse.add_argument(
        "body", nargs="?", default="-", help="issuen teksti tiedostona tai - (oletus)"
    )
    parse.set_defaults(handler=_parse_issue)

    export = sub.add_parser(
        "export", help="kirjoita koko sivusto tavalliseksi MkDocs-projektiksi (myös Zensical)"
    )
    export.add_argument("dir", metavar="KANSIO", help="uusi, tyhjä tai aiemman viennin kansio")
    export.set_defaults(handler=_export)

    ingest = sub.add_parser("ingest", help="käsittele Actionin issue-tapahtuma (GITHUB_EVENT_PATH)")
    ingest.set_defaults(handler=_ingest)

    sync = sub.add_parser("sync", help="täsmäytä kaikki ehdotus- ja ilmoittautumis-issuet")
    sync.add_argument(
        "--days",
        type=int,
        default=14,
        help="suljetuista issueista vain näin monen päivän sisällä muuttuneet",
    )
    sync.add_argument("--all", action="store_true", help="myös kaikki vanhemmat suljetut issuet")
    sync.set_defaults(handler=_sync)

    labels = sub.add_parser("labels", help="luo repositorion tunnisteet (labels)")
    labels.set_defaults(handler=_labels)

    diff = sub.add_parser("site-diff", help="mitä muutos tekee sivustolle (kaksi koottua sivustoa)")
    diff.add_argument("old", metavar="VANHA_SIVUSTO")
    diff.add_argument("new", metavar="UUSI_SIVUSTO")
    diff.set_defaults(handler=_site_diff)
    keep_awake = sub.add_parser(
        "keep-awake",
        help="ota käyttöön ajastetut työnkulut, jotka GitHub pysäytti toiminnan puutteen vuoksi",
    )
    keep_awake.set_defaults(handler=_keep_awake)
    purge = sub.add_parser(
        "purge-registrations",
        help="poista vuoden ilmoittautumis-issuet säilytysajan jälkeen (oletus: vain luettelo)",
    )
    purge.add_argument("year", type=int, help="tapahtuman vuosi")
    purge.add_argument(
        "--yes", action="store_true", help="poista issuet (tarvitsee ylläpitäjän pääsytunnuksen)"
    )
    purge.set_defaults(handler=_purge_registrations)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(error.summary, file=sys.stderr)
        return 1
    except TalkootError as error:
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
