"""Direct File for the public: the eligibility checker, the hub, the interview's screens,
knockouts, review, submit, "Where is my return?" and the PDF. Views only translate HTTP."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from civiccx.core.languages import current_language, site_language
from civiccx.directfile import eligibility, explanations, pdf, status, submissions
from civiccx.directfile.forms import STEP_FORMS
from civiccx.directfile.funnel import record
from civiccx.directfile.interview import REVIEWED, Step, loop_named
from civiccx.directfile.models import FunnelEvent, Submission, TaxReturn
from civiccx.directfile.returns import (
    DEFAULT_YEAR,
    TAX_YEARS,
    NotEditable,
    SaveConflict,
    add_item,
    drop_item,
    finish_loop,
    interview_for,
    save_answers,
    start_return,
)
from civiccx.directfile.screens import bound_fields, fill_years, parse_screen
from civiccx.directfile.session import IDLE_SECONDS, WARN_SECONDS, end_session, filer_required
from civiccx.directfile.session import timed_out as session_timed_out
from civiccx.directfile.spine import record_knockout

CHECKER = "directfile_checker"


def landing(request):
    returns = []
    if request.user.is_authenticated:
        returns = TaxReturn.objects.filter(owner=request.user).order_by("-tax_year")
    return render(request, "directfile/landing.html", {"returns": returns,
                                                       "years": TAX_YEARS})


# --- eligibility checker (anonymous) ---------------------------------------------------------
def checker(request, step: str = "where"):
    if step not in STEP_FORMS:
        raise Http404
    state = request.session.get(CHECKER) or {}
    language = current_language()
    if not state.get("journey"):
        state = {"journey": secrets.token_hex(8), "facts": {}}
        request.session[CHECKER] = state
        record(FunnelEvent.Kind.CHECKER_STARTED, language=language, journey=state["journey"])
    form_class = STEP_FORMS[step]
    form = form_class(request.POST if request.method == "POST" else None,
                      initial=_checker_initial(step, state))
    if request.method == "POST" and form.is_valid():
        _checker_save(step, state, form.cleaned_data)
        request.session[CHECKER] = state
        record(FunnelEvent.Kind.CHECKER_STEP, code=step, language=language,
               journey=state["journey"], tax_year=state.get("year"))
        following = eligibility.STEPS.index(step) + 1
        if following < len(eligibility.STEPS):
            return redirect("directfile:checker-step", step=eligibility.STEPS[following])
        return redirect("directfile:checker-result")
    number = eligibility.STEPS.index(step) + 1
    previous = eligibility.STEPS[number - 2] if number > 1 else None
    return render(request, "directfile/checker.html", {
        "form": form, "step": step, "number": number, "total": len(eligibility.STEPS),
        "previous": previous})


def _checker_initial(step: str, state: dict) -> dict:
    facts = state.get("facts", {})
    if step == "where":
        return {"year": state.get("year", DEFAULT_YEAR), "state": state.get("state", ""),
                "multi_state": "yes" if state.get("multiState") else
                ("no" if "multiState" in state else None)}
    if step == "income":
        return {"covered": state.get("covered", []),
                "out_of_scope": [p for p, _l in eligibility.OUT_OF_SCOPE_INCOME if facts.get(p)],
                "interest_over_limit": state.get("interestOverLimit", False)}
    if step == "situations":
        return {"situations": [p for p, _l in eligibility.SITUATIONS if facts.get(p)]}
    return {"credits": [p for p, _l in eligibility.CREDITS if facts.get(p)]}


def _checker_save(step: str, state: dict, data: dict) -> None:
    facts = state.setdefault("facts", {})
    if step == "where":
        state.update(year=data["year"], state=data["state"],
                     multiState=data["multi_state"] == "yes")
    elif step == "income":
        state["covered"] = data["covered"]
        state["interestOverLimit"] = data["interest_over_limit"]
        for path, _label in eligibility.OUT_OF_SCOPE_INCOME:
            facts[path] = path in data["out_of_scope"]
    elif step == "situations":
        for path, _label in eligibility.SITUATIONS:
            facts[path] = path in data["situations"]
    else:
        for path, _label in eligibility.CREDITS:
            facts[path] = path in data["credits"]


def checker_result(request):
    state = request.session.get(CHECKER)
    if not state or "year" not in state:
        return redirect("directfile:checker")
    reasons = eligibility.reasons(state)
    if not state.get("recorded"):
        seen = {"language": current_language(), "journey": state["journey"],
                "tax_year": state["year"]}
        record(FunnelEvent.Kind.CHECKER_NOT_ELIGIBLE if reasons else
               FunnelEvent.Kind.CHECKER_ELIGIBLE, **seen)  # once per person
        for reason in reasons:
            record(FunnelEvent.Kind.CHECKER_REASON, code=reason.code, **seen)
        state["recorded"] = True
        request.session[CHECKER] = state
    return render(request, "directfile/checker_result.html", {
        "reasons": reasons, "alternatives": eligibility.alternatives(), "year": state["year"]})


# --- start, hub, resume ------------------------------------------------------------------------
@require_POST
@filer_required
def start(request):
    try:
        year = int(request.POST.get("year", DEFAULT_YEAR))
    except ValueError:
        year = DEFAULT_YEAR
    if year not in TAX_YEARS:
        year = DEFAULT_YEAR
    checked = request.session.get(CHECKER) or {}
    prefill = eligibility.prefill(checked) if checked.get("year") == year else {}
    start_return(request.user, year, current_language(), prefill)
    return redirect("directfile:hub", year=year)


def _return(request, year: int) -> TaxReturn:
    """The signed-in person's own return; anyone else's does not exist for them."""
    return get_object_or_404(TaxReturn, owner=request.user, tax_year=year)


def _step_url(tax_return: TaxReturn, step: Step, review: bool = False) -> str:
    if step.item:
        url = reverse("directfile:item-screen", args=[tax_return.tax_year, step.screen.key,
                                                      step.item])
    else:
        url = reverse("directfile:screen", args=[tax_return.tax_year,
                                                 step.screen.key if step.screen else step.loop.key])
    return url + ("?from=review" if review else "")


def _idle(request) -> dict:
    return {"idle_warn": WARN_SECONDS, "idle_end": IDLE_SECONDS}


@never_cache
@filer_required
def hub(request, year: int):
    tr = _return(request, year)
    if not tr.editable:
        return redirect("directfile:status", year=year)
    iv = interview_for(tr)
    sections = iv.section_states()
    for s in sections:
        s["url"] = _step_url(tr, s["first"]) if s["first"] else ""
    done, total = iv.progress()
    next_step = iv.next_step()
    return render(request, "directfile/hub.html", {
        "tax_return": tr, "sections": sections, "done": done, "total": total,
        "knockouts": iv.knockouts, "next_url": _step_url(tr, next_step) if next_step else "",
        "rejection": status.current_rejection(tr), **_idle(request)})


@filer_required
def resume(request, year: int):
    tr = _return(request, year)
    if not tr.editable:
        return redirect("directfile:status", year=year)
    iv = interview_for(tr)
    step = iv.step(tr.last_screen) if tr.last_screen else None
    step = step or iv.next_step()
    return redirect(_step_url(tr, step) if step else reverse("directfile:hub", args=[year]))


# --- screens -----------------------------------------------------------------------------------
@never_cache
@sensitive_post_parameters()
@filer_required
def screen(request, year: int, key: str, item: str | None = None):
    tr = _return(request, year)
    if not tr.editable:
        return redirect("directfile:status", year=year)
    iv = interview_for(tr)
    step = iv.step(f"{key}/{item}" if item else key)
    if step is None:
        messages.info(request, _("That question does not apply to your return now."))
        return redirect("directfile:hub", year=year)
    if step.is_loop_list:
        return _loop_list(request, tr, iv, step)
    if step.screen.kind == "review":
        return _review(request, tr, iv, step)
    if step.screen.kind == "submit":
        return _submit_screen(request, tr, iv, step)
    from_review = request.GET.get("from") == "review" or request.POST.get("from") == "review"
    if request.method == "POST":
        return _save_screen(request, tr, iv, step, from_review)
    return _render_screen(request, tr, iv, step, from_review=from_review)


def _render_screen(request, tr, iv, step, posted=None, errors=None, warnings=None,
                   status_code=200, conflict=False, from_review=False, saved_next=None):
    back, _forward = iv.neighbours(step)
    section_number = [s.key for s in _sections()].index(step.section.key) + 1
    in_section = [s for s in iv.steps if s.section is step.section]
    done, total = iv.progress()
    context = {
        "tax_return": tr, "step": step, "title": fill_years(step.screen.title, tr.tax_year),
        "intro": fill_years(step.screen.intro, tr.tax_year),
        "fields": bound_fields(iv, step, posted, errors, warnings),
        "errors": list((errors or {}).values()),
        "back_url": _step_url(tr, back) if back else reverse("directfile:hub",
                                                             args=[tr.tax_year]),
        "section_number": section_number, "sections": _sections(),
        "screen_number": [s.key for s in in_section].index(step.key) + 1,
        "screen_total": len(in_section), "done": done, "total": total,
        "item_label": _item_label(iv, step), "conflict": conflict,
        "from_review": from_review, "saved_next": saved_next,
        "rejection": status.rejection_on(tr, step.key), **_idle(request)}
    if step.screen.kind == "amount":
        context["refund"] = iv.derived("/refund")
        context["owed"] = iv.derived("/amountOwed")
    return render(request, "directfile/screen.html", context, status=status_code)


def _sections():
    from civiccx.directfile.flow import FLOW

    return FLOW


def _item_label(iv, step) -> str:
    if not step.item:
        return ""
    items = iv.collection(step.loop.collection)
    number = items.index(step.item) + 1 if step.item in items else 0
    return _("%(noun)s %(number)s") % {"noun": str(step.loop.item_noun), "number": number}


def _save_screen(request, tr, iv, step, from_review):
    going_back = request.POST.get("action") == "back"
    ending = session_timed_out(request)
    posted = {k: request.POST.getlist(k) for k in request.POST}
    parsed = parse_screen(iv, step, posted, timezone.localdate(),
                          partial=going_back or ending)
    if parsed.errors:
        return _render_screen(request, tr, iv, step, posted, parsed.errors, parsed.warnings,
                              status_code=400, from_review=from_review)
    try:
        seen = int(request.POST.get("version", "0"))
    except ValueError:
        seen = 0
    try:
        saved = save_answers(tr, parsed.values, seen, step.key)
    except SaveConflict:
        fresh = interview_for(TaxReturn.objects.get(pk=tr.pk))
        tr.refresh_from_db()
        return _render_screen(request, tr, fresh, step, status_code=409, conflict=True,
                              from_review=from_review)
    except NotEditable:
        return redirect("directfile:status", year=tr.tax_year)
    if ending:
        return end_session(request)
    tr = saved.tax_return
    iv = interview_for(tr)
    if iv.knockouts:
        return redirect("directfile:knockout", year=tr.tax_year, code=iv.knockouts[0].code)
    _record_sections(tr, iv)
    if going_back:
        back, _f = iv.neighbours(step) if iv.step(step.key) else (None, None)
        return redirect(_step_url(tr, back) if back else reverse("directfile:hub",
                                                                  args=[tr.tax_year]))
    if from_review:
        target = reverse("directfile:screen", args=[tr.tax_year, "review"])
    else:
        following = iv.next_step()
        target = _step_url(tr, following) if following else reverse("directfile:hub",
                                                                     args=[tr.tax_year])
    if parsed.warnings:
        current = iv.step(step.key) or step
        return _render_screen(request, tr, iv, current, warnings=parsed.warnings,
                              saved_next=target)
    return redirect(target)


def _record_sections(tr, iv) -> None:
    """A funnel event the first time each section is complete (and every earlier one is).
    Only completeness is read (no badges, no issues): this runs on every save."""
    done = set(tr.milestones)
    earlier_complete = True
    for section in _sections():
        steps = [s for s in iv.steps if s.section is section]
        complete = earlier_complete and bool(steps) and all(iv.step_complete(s) for s in steps)
        marker = "section:" + section.key
        if complete and marker not in done:
            record(FunnelEvent.Kind.SECTION_COMPLETED, code=section.key,
                   tax_year=tr.tax_year, language=current_language())
            done.add(marker)
        earlier_complete = complete
        if not complete:
            break
    if done != set(tr.milestones):
        TaxReturn.objects.filter(pk=tr.pk).update(milestones=sorted(done))


def _loop_list(request, tr, iv, step):
    loop = step.loop
    items = []
    for item in iv.collection(loop.collection):
        item_steps = [s for s in iv.steps if s.loop is loop and s.item == item]
        label = " ".join(str(iv.answer(p.replace("*", item)) or "") for p in loop.label_paths)
        first_open = next((s for s in item_steps if not iv.step_complete(s)), None)
        items.append({"id": item, "label": label.strip() or _item_label(
            iv, Step(step.section, step.subsection, loop.screens[0], loop, item)),
            "complete": first_open is None,
            "url": _step_url(tr, first_open or item_steps[0]) if item_steps else ""})
    back, _f = iv.neighbours(step)
    return render(request, "directfile/loop.html", {
        "tax_return": tr, "step": step, "loop": loop, "items": items,
        "title": fill_years(loop.title, tr.tax_year), "intro": fill_years(loop.intro,
                                                                           tr.tax_year),
        "back_url": _step_url(tr, back) if back else reverse("directfile:hub",
                                                             args=[tr.tax_year]),
        "sections": _sections(),
        "section_number": [s.key for s in _sections()].index(step.section.key) + 1,
        "all_complete": all(i["complete"] for i in items), **_idle(request)})


@require_POST
@filer_required
def loop_action(request, year: int, loop_key: str):
    tr = _return(request, year)
    loop = loop_named(loop_key)
    if loop is None:
        raise Http404
    action = request.POST.get("action")
    try:
        if action == "add":
            tr, item = add_item(tr, loop)
            iv = interview_for(tr)
            first = next(s for s in iv.steps if s.loop is loop and s.item == item)
            return redirect(_step_url(tr, first))
        if action == "remove":
            item = request.POST.get("item", "")
            if item not in interview_for(tr).collection(loop.collection):
                raise Http404
            drop_item(tr, loop, item)
            messages.success(request, _("Removed."))
            return redirect("directfile:screen", year=year, key=loop.key)
        if action == "done":
            iv = interview_for(tr)
            if not all(iv.step_complete(s) for s in iv.steps if s.loop is loop and s.item):
                messages.error(request, _("Finish or remove the incomplete items first."))
                return redirect("directfile:screen", year=year, key=loop.key)
            tr = finish_loop(tr, loop)
            iv = interview_for(tr)
            if iv.knockouts:
                return redirect("directfile:knockout", year=year, code=iv.knockouts[0].code)
            following = iv.next_step()
            return redirect(_step_url(tr, following) if following else
                            reverse("directfile:hub", args=[year]))
    except NotEditable:
        return redirect("directfile:status", year=year)
    raise Http404


# --- knockouts ---------------------------------------------------------------------------------
@never_cache
@filer_required
def knockout(request, year: int, code: str):
    tr = _return(request, year)
    iv = interview_for(tr)
    found = next((k for k in iv.knockouts if k.code == code), None)
    if found is None:
        return redirect("directfile:hub", year=year)
    record_knockout(tr, found.code, current_language())
    words = explanations.knockout_page(iv, found)
    for answer in words["answers"]:
        step = iv.step_for_path(answer["path"])
        answer["url"] = _step_url(tr, step) if step else ""
    return render(request, "directfile/knockout.html", {
        "tax_return": tr, "knockout": words, "alternatives": eligibility.alternatives(),
        **_idle(request)})


# --- review, submit ----------------------------------------------------------------------------
def _review(request, tr, iv, step):
    if request.method == "POST":
        if not iv.ready_for_review:
            return redirect("directfile:hub", year=tr.tax_year)
        try:
            save_answers(tr, {REVIEWED: True}, int(request.POST.get("version", "0")), step.key)
        except (SaveConflict, ValueError):
            return redirect("directfile:screen", year=tr.tax_year, key="review")
        following = interview_for(TaxReturn.objects.get(pk=tr.pk)).next_step()
        return redirect(_step_url(tr, following) if following else
                        reverse("directfile:hub", args=[tr.tax_year]))
    if not iv.ready_for_review:
        messages.info(request, _("Finish the sections marked on this page before you "
                                 "review."))
        return redirect("directfile:hub", year=tr.tax_year)
    if "review:" + str(tr.tax_year) not in tr.milestones:
        record(FunnelEvent.Kind.REVIEW_REACHED, tax_year=tr.tax_year,
               language=current_language())
        TaxReturn.objects.filter(pk=tr.pk).update(
            milestones=[*tr.milestones, "review:" + str(tr.tax_year)])
    change = [{"title": s["section"].title, "url": _step_url(tr, s["steps"][0], review=True)}
              for s in iv.section_states()[:4] if s["steps"]]
    return render(request, "directfile/review.html", {
        "tax_return": tr, "step": step, "review": explanations.review(iv), "change": change,
        "sections": _sections(), "section_number": 5, **_idle(request)})


@never_cache
@filer_required
def why(request, year: int, line: str):
    tr = get_object_or_404(TaxReturn, owner=request.user, tax_year=year)
    iv = interview_for(tr)
    if iv.knockouts or not iv.ready_for_review:
        return redirect("directfile:hub", year=year)
    explained = explanations.why_line(iv, line)
    if explained is None:
        raise Http404
    return render(request, "directfile/why.html", {"tax_return": tr, "why": explained,
                                                   **_idle(request)})


def _submit_screen(request, tr, iv, step):
    blockers = submissions.blockers(iv)
    if request.method == "POST" and not blockers:
        key = request.POST.get("idempotency_key", "")
        if not key:
            raise Http404
        try:
            shown_after = int(request.POST.get("shown_after", ""))
        except ValueError:
            shown_after = None
        submissions.submit(tr, key, language=current_language(), shown_after=shown_after)
        return redirect("directfile:status", year=tr.tax_year)
    back, _f = iv.neighbours(step)
    return render(request, "directfile/submit.html", {
        "tax_return": tr, "step": step, "blockers": blockers,
        "idempotency_key": secrets.token_urlsafe(24),
        "shown_after": tr.submissions.count(),
        "back_url": _step_url(tr, back) if back else "", "sections": _sections(),
        "section_number": 5, "refund": iv.derived("/refund"),
        "owed": iv.derived("/amountOwed"), **_idle(request)})


# --- status and documents ----------------------------------------------------------------------
@never_cache
@filer_required
def where_is_my_return(request, year: int):
    tr = _return(request, year)
    if tr.status == "in_progress":
        return redirect("directfile:hub", year=year)
    return render(request, "directfile/status.html", {
        "tax_return": tr, "timeline": status.timeline(tr), "current": tr.latest_submission(),
        "rejection": status.current_rejection(tr), "steps": status.STEPS})


@never_cache
@filer_required
def draft_pdf(request, year: int):
    tr = _return(request, year)
    iv = interview_for(tr)
    if iv.knockouts or iv.graph.get("/refund").status != "complete":
        raise Http404
    language = site_language(request.GET.get("lang") or current_language())
    body = pdf.render_return(pdf.document_from(iv, draft=tr.editable), language)
    return _pdf_response(body, f"form-1040-{year}-{language}.pdf")


@never_cache
@filer_required
def submission_pdf(request, confirmation: str):
    submission = get_object_or_404(Submission, confirmation=confirmation,
                                   tax_return__owner=request.user)
    language = site_language(request.GET.get("lang") or current_language())
    body = pdf.render_return(pdf.document_from_snapshot(submission), language)
    return _pdf_response(body, f"form-1040-{confirmation}-{language}.pdf")


def _pdf_response(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@filer_required
def print_and_mail(request, year: int):
    tr = _return(request, year)
    return render(request, "directfile/print_and_mail.html", {"tax_return": tr})


# --- session -----------------------------------------------------------------------------------
@require_POST
@filer_required
def keep_alive(request):
    return HttpResponse(status=204)


def session_ended(request):
    return render(request, "directfile/session_ended.html")
