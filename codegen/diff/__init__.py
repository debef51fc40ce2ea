"""The spec-diff report: what changed in the API between two OpenAPI documents.

`main(argv)` is the command line (`python -m codegen diff OLD NEW`, `--base GIT_REF`); the
pieces, in the order the data flows:

- `loading` reads a document (YAML or JSON, a file or a git revision) and `refs` checks and
  follows its `$ref`s;
- `operations` matches operations by method and path and compares their parameters, request
  bodies and responses, read through `codegen.spec_view` (as the generator reads them); `schema_compare` compares schemas (through `schema_view`, which hides the
  differences of spelling between OpenAPI 3.0 and 3.1);
- `rules` decides which changes are breaking: its docstring is the reference for those rules;
- `report` renders the result as Markdown or JSON.
"""

from .changes import Change, OperationDiff, OperationKey, SpecDiff
from .cli import main
from .errors import SpecError
from .loading import Spec, load_spec_file, parse_spec_text, spec_from_document
from .operations import diff_specs
from .rules import Direction, Kind, is_breaking

__all__ = [
    "Change",
    "Direction",
    "Kind",
    "OperationDiff",
    "OperationKey",
    "Spec",
    "SpecDiff",
    "SpecError",
    "diff_specs",
    "is_breaking",
    "load_spec_file",
    "main",
    "parse_spec_text",
    "spec_from_document",
]
