"""The learned reader (flows/reader.py): the screen's second tier, asked only when the rules find
nothing, and only ever to ask a check question."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

import flows.reader
import tests.flows.transcript
from bot.content import ContentError, default_data_dir, load_reader
from flows.content import ScreenRules
from flows.reader import Example, Reader
from flows.screen import Finding, fold, screen
from tests.flows.test_safety_dialogue import in_a_checkin
from tests.flows.transcript import CONTENT, START, Chat, keys_of

CHECK_CAUDA = Finding("check", "check_cauda")
CHECK_CRISIS = Finding("check", "check_crisis")


def _toy() -> Reader:
    """A reader of three made-up kinds, small enough to train in a moment."""
    examples = [Example(f"my bladder leaks {n}", "emergency") for n in range(20)]
    examples += [Example(f"i want to vanish forever {n}", "crisis") for n in range(20)]
    examples += [Example(f"walked to the park {n}", "none") for n in range(20)]
    return Reader("xx", tuple(examples))


def test_the_reader_asks_the_check_question_of_the_kind_it_suspects() -> None:
    """Bladder words → check_cauda; vanishing words → check_crisis; walking → nothing."""
    reader = _toy()
    assert reader.read("bladder leaks again") == CHECK_CAUDA
    assert reader.read("want to vanish") == CHECK_CRISIS
    assert reader.read("walked to the park today") is None


def test_fewer_than_two_words_are_not_read() -> None:
    """A score, an emoji, punctuation or a single word (a button's label typed back) is never a
    check question, whatever the model says: only two or more words with letters are read."""
    examples = [Example(f"{n}", "crisis") for n in range(10)]
    examples += [Example(f"ok {n}", "emergency") for n in range(10)]
    examples += [Example(f"fine {n}", "none") for n in range(10)]
    reader = Reader("xx", tuple(examples), thresholds={"crisis": 0.01, "emergency": 0.01})
    assert reader.read("ok then") is not None  # at a threshold this low, any word is suspect
    assert [reader.read(t) for t in ("5", "7/10", "👍", "...", "ok", "fine 5")] == [None] * 6


def test_the_same_examples_give_the_same_model() -> None:
    """Training is deterministic: two fits of the same corpus (the cache cleared between them)
    give the same chances."""
    text = "cant keep myself safe"
    first = load_reader(default_data_dir(), "de")
    chances = first.chances(text)
    flows.reader._fit.cache_clear()
    second = load_reader(default_data_dir(), "de")
    assert second.chances(text) == pytest.approx(chances, abs=1e-9)
    assert second.train() is not first.train()  # fitted twice, not shared


@pytest.mark.parametrize("lang", ["en", "es", "de"])
def test_the_fast_scoring_equals_scikit_learns(lang: str) -> None:
    """The reader's own scoring of one message gives scikit-learn's predict_proba, to 1e-9, on
    every tenth example of the language and on texts with no known n-gram."""
    reader = CONTENT.readers[lang]
    reader.train()
    fitted = reader._model
    assert fitted is not None
    for text in [e.text for e in reader.examples[::10]] + ["", "5", "zzqx"]:
        expected = dict(zip(fitted.classes, fitted.pipeline.predict_proba([text])[0], strict=True))
        assert reader.chances(text) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("lang", ["en", "es", "de"])
def test_the_readers_analysers_are_scikit_learns(lang: str) -> None:
    """The n-grams the reader scores by (written out in flows/reader.py so that a kept model needs
    no scikit-learn) are exactly scikit-learn's "char_wb" 2–5 and "word" 1–2 analysers over the
    folded text, on every example of the language and on edge cases (blank, one letter, runs of
    spaces and line breaks, a word shorter than the n-gram)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), preprocessor=fold)
    word = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), preprocessor=fold)
    texts = [e.text for e in CONTENT.readers[lang].examples]
    texts += ["", " ", "a", "ab", "a  b\n\tc", "x" * 12, "No-one\n\nÉ ü 5", "can’t pee!!"]
    for text in texts:
        assert flows.reader._char_grams(text) == char.build_analyzer()(text), text
        assert flows.reader._word_grams(text) == word.build_analyzer()(text), text


def test_a_crisis_the_rules_find_is_not_read_again(rules: ScreenRules) -> None:
    """When the rules find self-harm, that is the answer; the reader is not asked."""
    reader = Reader("xx", (Example("x", "crisis"),))  # untrainable: asking it would raise
    found = screen("I want to kill myself", rules)
    assert found is not None and found.kind == "crisis"
    assert screen("I want to kill myself", rules, reader) == found


def _nonsense() -> Reader:
    """A reader that knows two made-up phrases the rules cannot: one of each check's kind."""
    examples = [Example(f"zorblax quux {n}", "crisis") for n in range(20)]
    examples += [Example(f"flibber wob {n}", "emergency") for n in range(20)]
    examples += [Example(f"walked to the park {n}", "none") for n in range(20)]
    return Reader("xx", tuple(examples))


@pytest.mark.parametrize(
    ("text", "kind", "also"),
    [
        ("I had a bad fall yesterday, zorblax quux", "urgent", CHECK_CRISIS),
        ("I had a bad fall yesterday, flibber wob", "urgent", CHECK_CAUDA),
        ("I can't control my bladder, zorblax quux", "emergency", None),
        ("I can't control my bladder, flibber wob", "emergency", None),
        ("I can't control my bladder, zorblax quux flibber wob", "emergency", None),
        ("my left leg feels weak, zorblax quux", "clarify", CHECK_CRISIS),
        ("my left leg feels weak, flibber wob", "clarify", None),
        ("I had a bad fall yesterday", "urgent", None),
        ("I feel hopeless, flibber wob", "check", None),
        ("I feel hopeless, zorblax quux", "check", None),
    ],
)
def test_the_reader_adds_its_check_only_where_the_rules_leave_it_unasked(
    rules: ScreenRules, text: str, kind: str, also: Finding | None
) -> None:
    """Beside a red flag the rules found, the reader's check comes `also` when it asks what the
    finding does not: self-harm after an urgent flag, one weak leg or the emergency check, the
    emergency signs after an urgent flag only; nothing after an emergency (its reply sends the
    person to emergency care now) or after the rules' own self-harm check."""
    alone = screen(text, rules)
    assert alone is not None and alone.kind == kind and alone.also is None
    assert screen(text, rules, _nonsense()) == Finding(alone.kind, alone.id, also)


@pytest.mark.parametrize("lang", ["en", "es", "de"])
def test_everyday_messages_stay_quiet(lang: str) -> None:
    """Plain check-in replies of each language get no check question from the rules and reader."""
    everyday = {
        "en": ["5", "yes", "walked 20 minutes, felt fine", "done the stretches", "thanks!"],
        "es": ["5", "sí", "caminé 20 minutos, bien", "hice los estiramientos", "gracias!"],
        "de": ["5", "ja", "bin 20 minuten gegangen, ging gut", "dehnübungen gemacht", "danke!"],
    }[lang]
    found = [screen(t, CONTENT.screen[lang], CONTENT.readers[lang]) for t in everyday]
    assert found == [None] * len(everyday)


def test_a_message_only_the_reader_suspects_gets_the_crisis_question() -> None:
    """Wording the rules do not know, near self-harm: in a check-in, the direct question."""
    text = "honestly not sure i trust myself tonight with everything in the cupboard"
    assert screen(text, CONTENT.screen["en"]) is None  # the rules alone let it pass
    chat = in_a_checkin()
    assert keys_of(chat.say(text)) == ["crisis.ask"]


def test_before_consent_a_check_question_gives_advice_and_asks_for_consent_again() -> None:
    """Before consent the reader's check is the advice sentence, then the open question."""
    chat = Chat(now=START)
    chat.play("/start", "[go_on]")
    text = "honestly not sure i trust myself tonight with everything in the cupboard"
    replies = chat.say(text)
    assert keys_of(replies) == [
        "crisis.check_before_consent",
        "safety.not_stored",
        "onboarding.consent_short",
    ]
    assert chat.last is not None and chat.last.effects == ()


def test_a_corpus_case_of_an_unknown_kind_is_refused(data: Path) -> None:
    """Start-up refuses a corpus case whose `expect` is not a kind, naming file and case."""
    corpus = data / "safety" / "corpus" / "de.toml"
    corpus.write_text(
        corpus.read_text(encoding="utf-8") + '\n[[case]]\ntext = "x"\nexpect = "maybe"\n',
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as err:
        load_reader(data, "de")
    assert err.value.file == "data/safety/corpus/de.toml"
    assert err.value.key.endswith(".expect") and "'maybe'" in err.value.problem


def test_the_learnt_held_out_sets_are_read_and_checked(data: Path) -> None:
    """data/safety/learnt/<lang>.toml adds its cases to the reader's examples, and a case of an
    unknown kind there is refused like one in the corpus, naming the file."""
    shipped = load_reader(default_data_dir(), "es")
    learnt = data / "safety" / "learnt" / "es.toml"
    cases = len(tomllib.loads(learnt.read_text(encoding="utf-8"))["case"])
    learnt.unlink()
    assert cases > 0
    assert len(load_reader(data, "es").examples) == len(shipped.examples) - cases
    learnt.write_text('[[case]]\ntext = "x"\nexpect = "maybe"\n', encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_reader(data, "es")
    assert err.value.file == "data/safety/learnt/es.toml"


def test_a_language_without_everyday_messages_is_refused(data: Path) -> None:
    """The reader needs the language's everyday messages: their absence names the file."""
    (data / "safety" / "everyday" / "es.txt").unlink()
    with pytest.raises(ContentError) as err:
        load_reader(data, "es")
    assert err.value.file == "data/safety/everyday/es.txt"


def test_too_few_examples_of_a_kind_are_refused(data: Path) -> None:
    """A corpus with almost no crisis phrasings cannot teach the reader: refused, with counts."""
    (data / "safety" / "learnt" / "en.toml").unlink()
    corpus = data / "safety" / "corpus" / "en.toml"
    corpus.write_text(
        '[[case]]\ntext = "i want to die"\nexpect = "crisis"\n'
        + '[[case]]\ntext = "cant pee"\nexpect = "emergency"\n' * 60
        + '[[case]]\ntext = "walked"\nexpect = "none"\n' * 60,
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as err:
        load_reader(data, "en")
    assert "1 crisis examples" in err.value.problem


FALL_AND_DESPAIR = (
    "slipped and fell in the shower, lay there thinking nobody would even notice if i never got up"
)


def test_a_fall_told_with_despair_gets_the_urgent_advice_then_the_crisis_question() -> None:
    """The rules read a fall (urgent: a hold), the reader reads despair: the urgent advice, then
    "are you having thoughts of ending your life?"; "No" leads to the hold's own question, which a
    typed "1" does not answer; "Yes" to crisis care."""
    found = screen(FALL_AND_DESPAIR, CONTENT.screen["en"])
    assert found is not None and found.kind == "urgent"  # the rules alone: the fall only
    chat = in_a_checkin()
    assert keys_of(chat.say(FALL_AND_DESPAIR)) == ["safety.heard", "safety.urgent", "crisis.ask"]
    other = chat.fork()
    assert keys_of(chat.press("no")) == ["crisis.ask_clear", "safety.checked"]
    assert keys_of(chat.say("1")) == ["common.not_a_choice_words", "safety.checked"]
    assert keys_of(other.press("yes")) == ["crisis.reply", "crisis.safe_now"]


def test_a_fall_the_rules_read_with_despair_they_read_asks_the_crisis_question_too() -> None:
    """The rules read both a fall and "what's the point" (their own self-harm check): the urgent
    advice and hold, then the self-harm question; "No" leads back to the hold's question."""
    text = "fell off the ladder. what's the point"
    assert screen(text, CONTENT.screen["en"]) == Finding("urgent", "trauma", CHECK_CRISIS)
    chat = in_a_checkin()
    assert keys_of(chat.say(text)) == ["safety.heard", "safety.urgent", "crisis.ask"]
    assert keys_of(chat.press("no")) == ["crisis.ask_clear", "safety.checked"]


def test_a_fever_told_with_an_odd_feeling_on_the_toilet_gets_the_emergency_check_too() -> None:
    """The rules read a fever (urgent), the reader the emergency signs: the urgent advice, then
    the one question about them; "yes" goes on to the emergency questions one by one."""
    text = "fever last night, and going to the loo feels different, like i cant tell when im done"
    chat = in_a_checkin()
    assert keys_of(chat.say(text)) == ["safety.heard", "safety.urgent", "rescreen.check"]
    assert keys_of(chat.press("yes")) == ["rescreen.question"]


def test_before_consent_both_pieces_of_advice_come_and_nothing_is_stored() -> None:
    """Before consent, a fall told with despair: the urgent advice, the crisis advice with the
    helplines, then the privacy notice again; no effect at all (nothing stored)."""
    chat = Chat(now=START)
    chat.play("/start", "[go_on]")
    assert keys_of(chat.say(FALL_AND_DESPAIR)) == [
        "safety.heard",
        "safety.urgent_before_consent",
        "crisis.check_before_consent",
        "safety.not_stored",  # said once, after both
        "onboarding.consent_short",
    ]
    assert chat.last is not None and chat.last.effects == ()


@pytest.mark.parametrize("lang", ["en", "es", "de"])
def test_the_threshold_script_splits_each_learnt_file_into_its_rounds(lang: str) -> None:
    """scripts/reader_rounds.py leaves one learnt blind round out at a time: it finds every round
    of the file by its header (v4 or v6 onwards, in order) and together they hold all its cases,
    so no case is left out of the validation or counted twice."""
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "scripts" / "reader_rounds.py"
    spec = importlib.util.spec_from_file_location("reader_rounds", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rounds = module._rounds(lang)
    learnt = default_data_dir() / "safety" / "learnt" / f"{lang}.toml"
    cases = tomllib.loads(learnt.read_text(encoding="utf-8"))["case"]
    names = [name for name, _ in rounds]
    first = 6 if lang == "en" else 4
    assert names == [f"v{n}" for n in range(first, first + len(names))] and len(names) >= 3
    assert [c for _, part in rounds for c in part] == cases


def _both() -> Reader:
    """The made-up reader at thresholds low enough that one text can raise both kinds."""
    return replace(_nonsense(), thresholds={"crisis": 0.2, "emergency": 0.2})


BOTH = "zorblax quux flibber wob"


def test_a_reader_suspecting_both_kinds_asks_the_crisis_question_then_the_emergency_one() -> None:
    """Self-harm and the emergency signs both at or above their thresholds: both questions are
    asked, self-harm first (not only the likelier one); beside a fall, both after the fall."""
    reader = _both()
    assert reader.suspected(BOTH) == ("crisis", "emergency")
    assert reader.read(BOTH) == Finding("check", "check_crisis", CHECK_CAUDA)
    fall = screen(f"I had a bad fall yesterday, {BOTH}", CONTENT.screen["en"], reader)
    assert fall is not None and fall.kind == "urgent"
    assert fall.also == Finding("check", "check_crisis", CHECK_CAUDA)


def test_both_check_questions_come_one_after_the_other_then_the_open_question(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In a check-in, words raising both kinds: "are you having thoughts of ending your life?";
    "No" → the helplines, then the question about bladder, bowel, feeling and legs; "No" → the
    check-in's open question again."""
    chat = in_a_checkin()
    both = replace(CONTENT, readers={**CONTENT.readers, "en": _both()})
    monkeypatch.setattr(tests.flows.transcript, "CONTENT", both)
    assert keys_of(chat.say(BOTH)) == ["crisis.ask"]
    assert keys_of(chat.press("no")) == ["crisis.ask_clear", "rescreen.check"]
    replies = chat.press("no")
    assert keys_of(replies)[0] == "rescreen.check_clear"
    assert chat.state == ("checkin", "baseline")


@pytest.mark.parametrize("lang", ["en", "es", "de"])
def test_the_coachs_own_button_labels_typed_back_are_not_read(lang: str) -> None:
    """Every button label of the language, and the start of it that picks it ("carry on" for
    "Carry on with coaching"), and every word the coach accepts typed for an answer ("Never
    mind." to leave, "dunno"), typed back: never a check question from the reader, however
    close its words come to the corpus's. The labels include a dialogue's own (goals.btn_*)."""
    reader = CONTENT.readers[lang]
    assert len(reader.labels) > 20
    assert {"never mind", "no se", "keine ahnung"} & set(reader.labels)
    # a dialogue's own buttons too: "NONE OF THESE" typed at the goals' movements was asked the
    # self-harm question once its words scored near the corpus's
    assert " ".join(fold(CONTENT.text(lang, "goals.btn_none")).split()) in reader.labels
    for label in reader.labels:
        words = label.split()
        for typed in {label, " ".join(words[:2]), label.upper() + "!"}:
            assert reader.read(typed) is None, typed


def test_a_label_typed_back_is_not_read_though_its_words_are_suspect() -> None:
    """A label whose words the reader would suspect ("zorblax quux for now" in the made-up
    reader): typed whole or its start, it is not read; other text with those words still is."""
    plain = _nonsense()
    assert plain.read("zorblax quux") == CHECK_CRISIS
    labelled = replace(plain, labels=("zz top", "zorblax quux for now", "aa"))  # sorted on init
    assert labelled.read("Zorblax quux") is None
    assert labelled.read("zorblax quux for now.") is None
    assert labelled.read("zorblax quux again tonight") == CHECK_CRISIS
