from django.urls import path

from . import views

urlpatterns = [
    path("reminders/", views.reminder_list, name="reminder-list"),
    path("reminders/preferences/", views.reminder_preferences, name="reminder-preferences"),
]
