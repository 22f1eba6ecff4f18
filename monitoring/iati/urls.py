from django.urls import path

from . import views

urlpatterns = [
    path("projects/<int:pk>/iati.xml", views.iati_export, name="iati-export"),
]
