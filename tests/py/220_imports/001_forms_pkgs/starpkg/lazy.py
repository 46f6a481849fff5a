LAZY = "imported by from-star through __all__"
