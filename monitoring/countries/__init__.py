"""countries"""
