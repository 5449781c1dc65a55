from django.contrib import admin

from civiccx.services.models import (
    Location,
    OpeningHours,
    Service,
    ServiceChannel,
    ServiceProvider,
    SpecialHours,
)


class ServiceChannelInline(admin.TabularInline):
    model = ServiceChannel
    extra = 0


@admin.register(ServiceProvider)
class ServiceProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "department", "abbreviation"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "provider", "slug", "is_public", "contact_retention_days"]
    list_filter = ["provider", "is_public"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ServiceChannelInline]


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class SpecialHoursInline(admin.TabularInline):
    model = SpecialHours
    extra = 0


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city", "state", "time_zone"]
    list_filter = ["kind", "state"]
    search_fields = ["name", "city", "zip_code"]
    filter_horizontal = ["services"]
    inlines = [OpeningHoursInline, SpecialHoursInline]
