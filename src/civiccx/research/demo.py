def seed(options, progress):
    return []
