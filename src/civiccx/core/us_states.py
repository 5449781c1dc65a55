"""US states (and DC and Puerto Rico) by name, in the reader's language.

People pick a state by its name, not its postal code ("North Carolina", "Carolina del Norte";
not "NC"). Addresses still show the code, as the postal service writes them."""

from __future__ import annotations

import unicodedata

from django.utils.translation import pgettext_lazy

US_STATES = {
    "AL": pgettext_lazy("state", "Alabama"), "AK": pgettext_lazy("state", "Alaska"),
    "AZ": pgettext_lazy("state", "Arizona"), "AR": pgettext_lazy("state", "Arkansas"),
    "CA": pgettext_lazy("state", "California"), "CO": pgettext_lazy("state", "Colorado"),
    "CT": pgettext_lazy("state", "Connecticut"), "DE": pgettext_lazy("state", "Delaware"),
    "DC": pgettext_lazy("state", "District of Columbia"),
    "FL": pgettext_lazy("state", "Florida"), "GA": pgettext_lazy("state", "Georgia"),
    "HI": pgettext_lazy("state", "Hawaii"), "ID": pgettext_lazy("state", "Idaho"),
    "IL": pgettext_lazy("state", "Illinois"), "IN": pgettext_lazy("state", "Indiana"),
    "IA": pgettext_lazy("state", "Iowa"), "KS": pgettext_lazy("state", "Kansas"),
    "KY": pgettext_lazy("state", "Kentucky"), "LA": pgettext_lazy("state", "Louisiana"),
    "ME": pgettext_lazy("state", "Maine"), "MD": pgettext_lazy("state", "Maryland"),
    "MA": pgettext_lazy("state", "Massachusetts"), "MI": pgettext_lazy("state", "Michigan"),
    "MN": pgettext_lazy("state", "Minnesota"), "MS": pgettext_lazy("state", "Mississippi"),
    "MO": pgettext_lazy("state", "Missouri"), "MT": pgettext_lazy("state", "Montana"),
    "NE": pgettext_lazy("state", "Nebraska"), "NV": pgettext_lazy("state", "Nevada"),
    "NH": pgettext_lazy("state", "New Hampshire"), "NJ": pgettext_lazy("state", "New Jersey"),
    "NM": pgettext_lazy("state", "New Mexico"), "NY": pgettext_lazy("state", "New York"),
    "NC": pgettext_lazy("state", "North Carolina"),
    "ND": pgettext_lazy("state", "North Dakota"), "OH": pgettext_lazy("state", "Ohio"),
    "OK": pgettext_lazy("state", "Oklahoma"), "OR": pgettext_lazy("state", "Oregon"),
    "PA": pgettext_lazy("state", "Pennsylvania"), "RI": pgettext_lazy("state", "Rhode Island"),
    "SC": pgettext_lazy("state", "South Carolina"),
    "SD": pgettext_lazy("state", "South Dakota"), "TN": pgettext_lazy("state", "Tennessee"),
    "TX": pgettext_lazy("state", "Texas"), "UT": pgettext_lazy("state", "Utah"),
    "VT": pgettext_lazy("state", "Vermont"), "VA": pgettext_lazy("state", "Virginia"),
    "WA": pgettext_lazy("state", "Washington"), "WV": pgettext_lazy("state", "West Virginia"),
    "WI": pgettext_lazy("state", "Wisconsin"), "WY": pgettext_lazy("state", "Wyoming"),
}
"""The 50 states and DC: where a return is filed."""

US_STATES_AND_TERRITORIES = {**US_STATES, "PR": pgettext_lazy("state", "Puerto Rico")}
"""Where a taxpayer assistance center may be."""


def _sort_key(name: str) -> str:
    """Alphabetical in either language: accents do not move a name ("Míchigan" among the M)."""
    return "".join(c for c in unicodedata.normalize("NFD", name.casefold())
                   if not unicodedata.combining(c))


def state_choices(states=US_STATES_AND_TERRITORIES) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by the name in the active language."""
    return sorted(((code, str(name)) for code, name in states.items()),
                  key=lambda pair: _sort_key(pair[1]))
