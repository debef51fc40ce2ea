"""Bodies of the fine-tuning checkpoint helpers; see spec/config.yml."""
