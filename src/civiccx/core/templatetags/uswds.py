"""Render Django form fields with USWDS classes and accessible error wiring."""

from django import forms, template

register = template.Library()

WIDGET_CLASSES = {
    forms.Textarea: "usa-textarea",
    forms.Select: "usa-select",
    forms.CheckboxInput: "usa-checkbox__input",
    forms.RadioSelect: "",
    forms.CheckboxSelectMultiple: "",
}


@register.simple_tag
def uswds_widget(bound_field):
    widget = bound_field.field.widget
    css = next(
        (css for kind, css in WIDGET_CLASSES.items() if isinstance(widget, kind)), "usa-input"
    )
    if bound_field.errors and css:
        css += " usa-input--error"
    attrs = {"class": css} if css else {}
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)
