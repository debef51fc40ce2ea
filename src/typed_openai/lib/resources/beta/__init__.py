"""Hand-written subclasses of the generated ``client.beta`` resources."""
