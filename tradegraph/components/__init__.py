"""spaCy components, one per concern; importing this package registers every factory."""

from tradegraph.components import (  # noqa: F401  (imported for their @Language.factory side effect)
    commodities,
    countries,
    flows,
    header,
    home,
    meetings,
    modality,
    officials,
    places,
    sentences,
    values,
)
