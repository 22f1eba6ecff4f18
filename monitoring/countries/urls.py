from django.urls import path

from . import views

urlpatterns = [
    path("countries/", views.country_list, name="country-list"),
    path("countries/<str:code>/", views.country_dashboard, name="country-dashboard"),
]
