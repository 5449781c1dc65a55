from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from civiccx.research.intake import ACCEPTED
from civiccx.research.models import (
    Cluster,
    Consent,
    Insight,
    JourneyStep,
    LifeExperience,
    Participant,
    ParticipantVault,
    Persona,
    Study,
    StudyMember,
    Tag,
)


class StudyForm(forms.ModelForm):
    class Meta:
        model = Study
        fields = ["title", "goal", "research_questions", "method", "pra_status", "pra_reason",
                  "omb_control_number", "starts_on", "ends_on", "services",
                  "raw_retention_hours", "notes_retention_days", "contact_retention_days"]
        widgets = {"services": forms.CheckboxSelectMultiple,
                   "starts_on": forms.DateInput(attrs={"type": "date"}),
                   "ends_on": forms.DateInput(attrs={"type": "date"}),
                   "goal": forms.Textarea(attrs={"rows": 3}),
                   "research_questions": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        status = data.get("pra_status")
        if status == Study.PRA.EXEMPT and not data.get("pra_reason"):
            self.add_error("pra_reason", _("Say why the study is exempt."))
        if status in (Study.PRA.GENERIC, Study.PRA.CLEARANCE) and not data.get(
                "omb_control_number"):
            self.add_error("omb_control_number", _("Give the OMB control number."))
        return data


class ParticipantForm(forms.ModelForm):
    """What researchers record: a code is given; no name or contact detail is asked."""

    class Meta:
        model = Participant
        fields = ["segment", "state", "language"]


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["form_version", "method", "given_on", "record_media", "observers",
                  "quote_internally", "quote_publicly"]
        widgets = {"given_on": forms.DateInput(attrs={"type": "date"}),
                   "method": forms.RadioSelect}


class VaultForm(forms.ModelForm):
    class Meta:
        model = ParticipantVault
        fields = ["name", "email", "phone", "affiliation", "compensation"]
        widgets = dict.fromkeys(fields, forms.TextInput)


class UploadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    participant = forms.ModelChoiceField(label=_("Participant"), required=False,
                                         queryset=Participant.objects.none(),
                                         empty_label=_("Choose a participant"))
    held_on = forms.DateField(label=_("Held on"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))
    file = forms.FileField(label=_("Transcript"),
                           help_text=_("A .txt, .md, .vtt (with timecodes) or .docx file."),
                           widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED)}))

    def __init__(self, *args, study, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = study.participants.filter(withdrawn_at=None)


class HighlightForm(forms.Form):
    start = forms.IntegerField(label=_("First character"), min_value=0)
    end = forms.IntegerField(label=_("After the last character"), min_value=1)
    tags = forms.ModelMultipleChoiceField(label=_("Tags"), queryset=Tag.objects.none(),
                                          required=False, widget=forms.CheckboxSelectMultiple)
    new_tag = forms.CharField(label=_("New tag"), required=False, max_length=300,
                              help_text=_("Separate levels with a slash: Access/Phone."))

    def __init__(self, *args, study, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tags"].queryset = study.tags.all()


class NotesForm(forms.Form):
    notes = forms.CharField(label=_("Notes"), required=False,
                            widget=forms.Textarea(attrs={"rows": 4}),
                            help_text=_("What you saw, without interpretation or personal "
                                        "data. Personal data is redacted when you save."))


class InsightForm(forms.ModelForm):
    class Meta:
        model = Insight
        fields = ["statement", "statement_es", "highlights", "services", "metric_note",
                  "metric_service", "metric_driver"]
        widgets = {"highlights": forms.CheckboxSelectMultiple,
                   "services": forms.CheckboxSelectMultiple,
                   "statement": forms.Textarea(attrs={"rows": 3}),
                   "statement_es": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, study, **kwargs):
        super().__init__(*args, **kwargs)
        highlights = self.fields["highlights"]
        highlights.queryset = study_highlights(study)
        highlights.label_from_instance = lambda h: f"{h.session.participant or '—'}: “{h.text}”"

    def clean(self):
        data = super().clean()
        if bool(data.get("metric_service")) != bool(data.get("metric_driver")):
            self.add_error("metric_driver" if data.get("metric_service") else "metric_service",
                           _("Choose both a service and a driver to draw an A-11 series, or "
                             "neither."))
        return data


def study_highlights(study):
    from civiccx.research.models import Highlight

    return Highlight.objects.filter(session__study=study).select_related(
        "session__participant")


class PersonaForm(forms.ModelForm):
    class Meta:
        model = Persona
        fields = ["name", "slug", "life_experience", "summary", "summary_es", "goals",
                  "goals_es", "needs", "needs_es", "pain_points", "pain_points_es", "insights",
                  "quotes"]
        widgets = {"insights": forms.CheckboxSelectMultiple,
                   "quotes": forms.CheckboxSelectMultiple,
                   **{name: forms.Textarea(attrs={"rows": 3})
                      for name in ("summary", "summary_es", "goals", "goals_es", "needs",
                                   "needs_es", "pain_points", "pain_points_es")}}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from civiccx.research.models import Highlight

        mine = _mine(user, self.instance, "quotes", "session__study__in")
        self.fields["quotes"].queryset = Highlight.objects.filter(
            mine, session__participant__consent__quote_publicly=True,
            session__participant__withdrawn_at=None).select_related("session__participant")
        self.fields["insights"].queryset = Insight.objects.filter(
            _mine(user, self.instance, "insights", "study__in"))
        self.fields["quotes"].help_text = _("Only passages from participants who agreed to be "
                                            "quoted publicly are listed.")
        self.fields["quotes"].label_from_instance = (
            lambda h: f"{h.session.participant}: “{h.text}”")
        self.fields["insights"].label_from_instance = lambda i: i.statement


class LifeExperienceForm(forms.ModelForm):
    class Meta:
        model = LifeExperience
        fields = ["title", "title_es", "slug", "summary", "summary_es", "challenge",
                  "challenge_es", "approach", "approach_es", "studies", "insights"]
        widgets = {"studies": forms.CheckboxSelectMultiple,
                   "insights": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["studies"].queryset = Study.objects.filter(
            _mine(user, self.instance, "studies", "pk__in"))
        self.fields["insights"].queryset = Insight.objects.filter(
            _mine(user, self.instance, "insights", "study__in"))
        self.fields["insights"].label_from_instance = lambda i: i.statement


def _mine(user, instance, relation: str, lookup: str) -> Q:
    """What a researcher may choose: items of the studies they are on, and whatever is already
    linked (a teammate's choice stays, and saving does not drop it)."""
    from civiccx.research.access import readable_study_ids

    already = (list(getattr(instance, relation).values_list("pk", flat=True))
               if instance.pk else [])
    return Q(**{lookup: readable_study_ids(user)}) | Q(pk__in=already)


class CodebookImportForm(forms.Form):
    file = forms.FileField(label=_("Codebook (.qdc)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".qdc,.xml"}))


class MemberForm(forms.Form):
    """Add a researcher to a study's team."""

    user = forms.ModelChoiceField(label=_("Researcher"), queryset=None,
                                  empty_label=_("Choose a researcher"))
    role = forms.ChoiceField(label=_("Role"), choices=StudyMember.Role.choices,
                             initial=StudyMember.Role.READ)

    def __init__(self, *args, study, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        from civiccx.core.roles import RESEARCHER

        self.fields["user"].queryset = (
            get_user_model().objects.filter(groups__name=RESEARCHER, is_active=True)
            .exclude(research_memberships__study=study).order_by("username"))
        self.fields["user"].label_from_instance = (
            lambda user: f"{user.get_full_name() or user.username} ({user.username})")


class ClusterForm(forms.ModelForm):
    class Meta:
        model = Cluster
        fields = ["name"]

    def __init__(self, *args, study, **kwargs):
        super().__init__(*args, **kwargs)
        self.study = study

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if self.study.clusters.filter(name__iexact=name).exists():
            raise forms.ValidationError(_("This study already has a cluster with that name."))
        return name


class JourneyStepForm(forms.ModelForm):
    """One step of a journey map. Its evidence comes from the life experience's studies and
    its touchpoints from the service catalog and its channels."""

    class Meta:
        model = JourneyStep
        fields = ["phase", "phase_es", "title", "title_es", "goal", "goal_es", "behaviour",
                  "behaviour_es", "channel", "services", "decision", "decision_es",
                  "pain_point", "pain_point_es", "bright_spot", "bright_spot_es", "emotion",
                  "insights"]
        widgets = {"services": forms.CheckboxSelectMultiple,
                   "insights": forms.CheckboxSelectMultiple,
                   "emotion": forms.RadioSelect}

    def __init__(self, *args, life, **kwargs):
        super().__init__(*args, **kwargs)
        from civiccx.services.models import Service

        self.life = life
        self.fields["services"].queryset = Service.objects.order_by("name")
        self.fields["services"].label_from_instance = lambda s: s.localized_name
        self.fields["insights"].queryset = Insight.objects.filter(
            Q(study__in=life.studies.all()) | Q(pk__in=life.insights.all())).distinct()
        self.fields["insights"].label_from_instance = lambda i: i.statement
        self.fields["insights"].help_text = _(
            "Insights from this life experience's studies. A pain point or a bright spot must "
            "cite at least one.")

    def clean(self):
        data = super().clean()
        cited = data.get("insights")
        if (data.get("pain_point") or data.get("bright_spot")) and not cited:
            self.add_error("insights", _("Cite at least one insight as evidence for the pain "
                                         "point or bright spot."))
        for english in ("phase", "title", "goal", "behaviour", "decision", "pain_point",
                        "bright_spot"):
            if data.get(f"{english}_es") and not data.get(english):
                self.add_error(english, _("Write it in English too: the Spanish page falls "
                                          "back to English."))
        return data
