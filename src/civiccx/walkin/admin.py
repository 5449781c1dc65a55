"""Center set-up for administrators: services offered, counters, languages, accessibility and
the booking rules. Hours and special days (Saturday walk-in days, closures) live on the
catalog's Location."""

from django.contrib import admin

from civiccx.walkin.models import Center, CenterService, Counter


class CenterServiceInline(admin.TabularInline):
    model = CenterService
    extra = 0


class CounterInline(admin.TabularInline):
    model = Counter
    extra = 0
    fields = ["number", "is_open"]


@admin.register(Center)
class CenterAdmin(admin.ModelAdmin):
    list_display = ["location", "counters", "appointment_counters", "slot_minutes",
                    "no_show_grace_minutes", "appointments_on_special_days"]
    list_select_related = ["location"]
    search_fields = ["location__name", "location__city", "location__state"]
    inlines = [CenterServiceInline, CounterInline]
    filter_horizontal = ["staff"]
