from django.urls import path

from civiccx.walkin.views import public, staff

app_name = "walkin"

urlpatterns = [
    path("visit/", public.find_center, name="find"),
    path("visit/appointment/", public.manage, name="manage"),
    path("visit/appointment/<str:token>/", public.confirmation, name="confirmation"),
    path("visit/appointment/<str:token>/calendar.ics", public.calendar_file, name="ics"),
    path("visit/appointment/<str:token>/change/", public.change, name="change"),
    path("visit/appointment/<str:token>/cancel/", public.cancel, name="cancel"),
    path("visit/ticket/<str:token>/", public.ticket_page, name="ticket"),
    path("visit/ticket/<str:token>/status/", public.ticket_status, name="ticket-status"),
    path("visit/<slug:slug>/", public.center_detail, name="center"),
    path("visit/<slug:slug>/book/", public.book, name="book"),
    path("visit/<slug:slug>/kiosk/", public.kiosk, name="kiosk"),
    path("visit/<slug:slug>/display/", public.lobby, name="lobby"),
    path("visit/<slug:slug>/display/board/", public.lobby_board, name="lobby-board"),
    path("staff/walkin/", staff.console_home, name="console-home"),
    path("staff/walkin/centers/", staff.manager, name="manager"),
    path("staff/walkin/<slug:slug>/", staff.console, name="console"),
    path("staff/walkin/<slug:slug>/figures/", staff.console_figures, name="console-figures"),
    path("staff/walkin/<slug:slug>/counters/<int:pk>/", staff.counter_state,
         name="counter-state"),
    path("staff/walkin/<slug:slug>/counters/<int:pk>/next/", staff.call_next,
         name="call-next"),
    path("staff/walkin/<slug:slug>/tickets/<int:pk>/finish/", staff.finish_ticket,
         name="finish"),
    path("staff/walkin/<slug:slug>/tickets/<int:pk>/undo/", staff.undo_ticket, name="undo"),
    path("staff/walkin/<slug:slug>/tickets/<int:pk>/transfer/", staff.transfer_ticket,
         name="transfer"),
]
