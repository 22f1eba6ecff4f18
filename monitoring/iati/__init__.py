"""iati"""
