"""The profile: reading the YAML with positions, the models, validation with
located messages, loading, and the culture-coverage lint."""
