"""Bodies of the fine-tuning helpers; see spec/config.yml."""
