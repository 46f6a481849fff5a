COUNT = [0]
