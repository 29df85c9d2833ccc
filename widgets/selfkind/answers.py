"""Kept for old imports: the answers store lives in selfkind.stores.answers."""

from .stores.answers import (DEFAULT_NAME, FORMAT, VERSION, AnswersError, AnswersFileStore, AnswerStore, parse,
                             read_answers, store_for)

__all__ = ["DEFAULT_NAME", "FORMAT", "VERSION", "AnswerStore", "AnswersError", "AnswersFileStore", "parse",
           "read_answers", "store_for"]
