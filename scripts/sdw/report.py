"""Report: format problems for authors (Dutch, one line each) and for GitHub annotations."""

from __future__ import annotations

from .problems import Problem


def format_problem(p: Problem) -> str:
    text = f"{p.path}:{p.line}:{p.column}: {p.severity.value} [{p.rule.id} {p.rule.name}] {p.message}"
    if p.hint:
        text += f" {p.hint}"
    return " ".join(text.split())


def format_github(p: Problem) -> str:
    level = "error" if p.is_error else "warning"
    message = f"[{p.rule.id} {p.rule.name}] {p.message} {p.hint}".strip()
    message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{level} file={p.path},line={p.line},col={p.column},title={p.rule.id}::{message}"


def summary(problems: tuple[Problem, ...] | list[Problem], files: int) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if not problems:
        return f"Alles in orde: {files} bestanden gecontroleerd, geen problemen."
    parts = []
    if errors:
        parts.append(f"{errors} {'fout' if errors == 1 else 'fouten'}")
    if warnings:
        parts.append(f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}")
    return f"{' en '.join(parts)} in {files} bestanden gevonden."
