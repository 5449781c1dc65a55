from django.urls import path

from civiccx.walkin import console, views

app_name = "walkin"

urlpatterns = [
    path("visit/", views.find_center, name="find"),
    path("visit/appointment/", views.manage, name="manage"),
    path("visit/appointment/<str:token>/", views.confirmation, name="confirmation"),
    path("visit/appointment/<str:token>/calendar.ics", views.calendar_file, name="ics"),
    path("visit/appointment/<str:token>/change/", views.change, name="change"),
    path("visit/appointment/<str:token>/cancel/", views.cancel, name="cancel"),
    path("visit/ticket/<str:token>/", views.ticket_page, name="ticket"),
    path("visit/ticket/<str:token>/status/", views.ticket_status, name="ticket-status"),
    path("visit/<slug:slug>/", views.center_detail, name="center"),
    path("visit/<slug:slug>/book/", views.book, name="book"),
    path("visit/<slug:slug>/kiosk/", views.kiosk, name="kiosk"),
    path("visit/<slug:slug>/display/", views.lobby, name="lobby"),
    path("visit/<slug:slug>/display/board/", views.lobby_board, name="lobby-board"),
    path("staff/walkin/", console.console_home, name="console-home"),
    path("staff/walkin/centers/", console.manager, name="manager"),
    path("staff/walkin/<slug:slug>/", console.console, name="console"),
    path("staff/walkin/<slug:slug>/figures/", console.console_figures, name="console-figures"),
    path("staff/walkin/<slug:slug>/counters/<int:pk>/", console.counter_state,
         name="counter-state"),
    path("staff/walkin/<slug:slug>/counters/<int:pk>/next/", console.call_next,
         name="call-next"),
    path("staff/walkin/<slug:slug>/tickets/<int:pk>/finish/", console.finish_ticket,
         name="finish"),
    path("staff/walkin/<slug:slug>/tickets/<int:pk>/undo/", console.undo_ticket, name="undo"),
    path("staff/walkin/<slug:slug>/tickets/<int:pk>/transfer/", console.transfer_ticket,
         name="transfer"),
]
