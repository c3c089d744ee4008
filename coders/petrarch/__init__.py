"""PETRARCH/TABARI-format dictionaries read into the coder's own data, and PETRARCH's validation suites.

- `verbs`: verb dictionaries (CAMEO.2.0.txt) -> lexicon entries, read with `patterns` (a pattern's elements, code
  and conditions); `dictionary_lexicon`: `DictionaryLexicon` adds null and paired codes.
- `actors`: actor and agent dictionaries (Phoenix.*.actors.txt, Phoenix.agents.txt) -> `DictionaryActorData`.
- `matcher`: `DictionaryActorMatcher`, the actor matcher for named actors with dated codes and tilde agents.
- `discards`: discard lists; `Discards.discarded(text)` names the phrase that drops a story.
- `load`: `load_dictionaries(...)` with its precedence over our own data, and `DictionaryCoder`.
- `validate`: reads and runs a validation suite (``dyadflow validate FILE.xml``).
- `common`: comment stripping, phrases, malformed-line errors, the grammar words of grammar.toml.
"""
