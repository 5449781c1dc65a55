"""Every form renders with USWDS markup, error summaries and aria wiring."""

from django.forms.renderers import TemplatesSetting


class USWDSFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
