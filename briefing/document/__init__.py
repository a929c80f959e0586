"""The intermediate document: what templates produce and writers consume."""
