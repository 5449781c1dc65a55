"""Forms for the help center editors: an article's details, one language's text, and the search
synonyms. Text rules come from `workflow.validate_text`, so the page and the workflow agree."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from civiccx.help import workflow
from civiccx.help.models import LANGUAGES, Article, Category, SynonymGroup
from civiccx.help.search.text import surface_tokens
from civiccx.services.models import Service

RELATED_MAX = 10
SYNONYM_TERMS_MAX = 30
SYNONYM_TERM_CHARS = 80


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ArticleDetailsForm(forms.ModelForm):
    """Category, services, owner and review interval (plus the slug for a new article)."""

    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all(), empty_label=_("Choose a category"),
        error_messages={"required": _("Choose the category the article belongs to.")})
    services = forms.ModelMultipleChoiceField(
        label=_("Services this article is about"), required=False,
        queryset=Service.objects.all(), widget=forms.CheckboxSelectMultiple,
        help_text=_("The article is listed on these services' pages and found by their names."))
    owner = forms.CharField(
        label=_("Owner team"), max_length=120,
        help_text=_("The team that keeps this article right, for example “Refunds content "
                    "team”."),
        error_messages={"required": _("Name the team that keeps this article right.")})
    review_every_days = forms.IntegerField(
        label=_("Review every (days)"), min_value=7, max_value=1095, initial=365,
        help_text=_("How often the owner checks the article is still right. 365 is once a "
                    "year."),
        error_messages={"required": _("Say how often the article is reviewed, in days."),
                        "min_value": _("Review at most once a week (7 days or more)."),
                        "max_value": _("Review at least every 3 years (1,095 days or fewer).")})
    related = forms.CharField(
        label=_("Related articles"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The address (slug) of each related article, one per line, for example "
                    "check-your-refund-status."))

    class Meta:
        model = Article
        fields = ["category", "services", "owner", "review_every_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["related"] = "\n".join(
                self.instance.related.order_by("slug").values_list("slug", flat=True))

    def clean_related(self) -> list[Article]:
        slugs = list(dict.fromkeys(line.lower() for line in _lines(self.cleaned_data["related"])))
        if len(slugs) > RELATED_MAX:
            raise forms.ValidationError(
                _("Link at most %(max)d related articles.") % {"max": RELATED_MAX})
        found = {a.slug: a for a in Article.objects.filter(slug__in=slugs)}
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            raise forms.ValidationError(
                _("No article has the address %(slugs)s. Check the spelling.") % {
                    "slugs": ", ".join(f"“{slug}”" for slug in missing)})
        if self.instance.pk and self.instance.slug in found:
            raise forms.ValidationError(_("An article cannot be related to itself."))
        return [found[slug] for slug in slugs]


class NewArticleForm(ArticleDetailsForm):
    slug = forms.SlugField(
        label=_("Address (slug)"), max_length=100,
        help_text=_("Lowercase English words with hyphens, for example "
                    "change-your-address. It becomes the page address and cannot be changed "
                    "later."),
        error_messages={"required": _("Enter the article's address."),
                        "invalid": _("Use only lowercase letters, numbers and hyphens.")})

    field_order = ["slug", "category", "services", "owner", "review_every_days", "related"]

    class Meta(ArticleDetailsForm.Meta):
        fields = ["slug", "category", "services", "owner", "review_every_days"]

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"].strip().lower().strip("-")
        if slug != self.cleaned_data["slug"]:
            raise forms.ValidationError(_("Use only lowercase letters, numbers and hyphens."))
        if Article.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Another article already has this address."))
        return slug


class TranslationTextForm(forms.Form):
    """One language's text. `base` is the revision the editor started from, so an edit saved by
    someone else in the meantime is never silently replaced."""

    title = forms.CharField(label=_("Title"), required=False,
                            widget=forms.TextInput(attrs={"maxlength": workflow.TITLE_MAX}),
                            help_text=_("A question or task, in the reader's words."))
    summary = forms.CharField(label=_("Summary"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("One sentence shown in search results."))
    body = forms.CharField(label=_("Article text (Markdown)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 18}),
                           help_text=_("## for headings, - for lists, **bold**, "
                                       "[link text](https://...). No HTML."))
    keywords = forms.CharField(label=_("Keywords"), required=False,
                               widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("Words people type for this article, one per line."))
    note = forms.CharField(label=_("What changed, and why"), required=False, max_length=300,
                           help_text=_("Shown in the history and to the reviewer."))
    base = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, language: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title", "summary", "body", "keywords"):
            self.fields[name].widget.attrs["lang"] = language

    def clean(self):
        data = super().clean()
        data["keywords"] = _lines(data.get("keywords", ""))
        problems = workflow.validate_text(data.get("title", ""), data.get("summary", ""),
                                          data.get("body", ""), data["keywords"])
        for field, message in problems.items():
            self.add_error(field, message)
        return data


class SynonymGroupForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES)
    terms = forms.CharField(
        label=_("Words that mean the same"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One word or phrase per line, for example “w2” and “wage and tax "
                    "statement”. A term can be in one group only."),
        error_messages={"required": _("Enter at least two words or phrases.")})

    class Meta:
        model = SynonymGroup
        fields = ["language", "terms"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["language"].disabled = True
            if not self.is_bound:
                self.initial["terms"] = "\n".join(self.instance.terms)

    def clean_terms(self) -> list[str]:
        terms = list(dict.fromkeys(" ".join(line.lower().split())
                                   for line in _lines(self.cleaned_data["terms"])))
        if len(terms) < 2:
            raise forms.ValidationError(_("Enter at least two words or phrases, one per line."))
        if len(terms) > SYNONYM_TERMS_MAX:
            raise forms.ValidationError(
                _("Use at most %(max)d terms in a group.") % {"max": SYNONYM_TERMS_MAX})
        for term in terms:
            if len(term) > SYNONYM_TERM_CHARS:
                raise forms.ValidationError(_("“%(term)s” is too long: keep each term under "
                                              "%(max)d characters.") % {
                    "term": term[:40] + "…", "max": SYNONYM_TERM_CHARS})
            if not surface_tokens(term):
                raise forms.ValidationError(
                    _("“%(term)s” has no letters or numbers to search for.") % {"term": term})
        return terms

    def clean(self):
        data = super().clean()
        terms = data.get("terms")
        language = self.instance.language if self.instance.pk else data.get("language")
        if terms and language:
            taken = self._terms_in_other_groups(language)
            for term in terms:
                other = taken.get(" ".join(surface_tokens(term)))
                if other is not None:
                    self.add_error("terms", _(
                        "“%(term)s” is already in another group (%(group)s). A term can be in "
                        "one group only: edit that group, or remove the term here.") % {
                        "term": term, "group": ", ".join(other.terms[:5])})
        return data

    def _terms_in_other_groups(self, language: str) -> dict[str, SynonymGroup]:
        groups = SynonymGroup.objects.filter(language=language).exclude(pk=self.instance.pk)
        return {" ".join(surface_tokens(term)): group
                for group in groups for term in group.terms}
